using System.Collections.Concurrent;

namespace EdgeRouter.Core.Local;

/// <summary>
/// The one thread that runs native decodes. A dedicated thread keeps llama.cpp's blocking calls off the thread
/// pool (where they would starve Kestrel on a 2-core board) and gives the watchdog one thing to check for liveness.
/// </summary>
public sealed class InferenceWorker : IDisposable
{
    private readonly BlockingCollection<Action> _work = new(boundedCapacity: 16);
    private readonly Thread _thread;
    private long _heartbeatTimestamp;
    private readonly TimeProvider _time;

    /// <param name="name">The thread's name, as `top -H` and a debugger show it.</param>
    public InferenceWorker(TimeProvider time, string name = "edgerouter-inference")
    {
        _time = time;
        _heartbeatTimestamp = time.GetTimestamp();
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public bool IsAlive => _thread.IsAlive;

    /// <summary>Last moment the worker picked up or finished a job, or idled; for watchdog checks.</summary>
    public long HeartbeatTimestamp => Interlocked.Read(ref _heartbeatTimestamp);

    public Task<T> Run<T>(Func<T> job)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                completion.SetResult(job());
            }
            catch (Exception ex)
            {
                completion.SetException(ex);
            }
        });
        return completion.Task;
    }

    private void Loop()
    {
        foreach (var job in _work.GetConsumingEnumerable())
        {
            Interlocked.Exchange(ref _heartbeatTimestamp, _time.GetTimestamp());
            job();
            Interlocked.Exchange(ref _heartbeatTimestamp, _time.GetTimestamp());
        }
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join(TimeSpan.FromSeconds(30));
        _work.Dispose();
    }
}
