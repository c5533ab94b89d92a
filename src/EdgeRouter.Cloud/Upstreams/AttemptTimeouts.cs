using EdgeRouter.Cloud.Failures;

namespace EdgeRouter.Cloud.Upstreams;

/// <summary>
/// The clocks of one upstream attempt on the router's TimeProvider: first token, idle between chunks (armed after the
/// first token, re-armed on every chunk) and total. Whichever fires first cancels <see cref="Token"/> and is
/// remembered in <see cref="Fired"/>, so the failure is classified as our timeout rather than a transport error.
/// </summary>
public sealed class AttemptTimeouts : IDisposable
{
    private readonly CancellationTokenSource _cancellation;
    private readonly ITimer _firstToken;
    private readonly ITimer _idle;
    private readonly ITimer _total;
    private readonly TimeSpan _idleTimeout;
    private int _fired = -1;
    private int _committed;

    /// <param name="caller">Cancelled when the client leaves or the run is disposed; never classified as a timeout.</param>
    public AttemptTimeouts(TimeProvider time, TimeSpan firstToken, TimeSpan idle, TimeSpan total, CancellationToken caller)
    {
        _idleTimeout = idle;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(caller);
        _firstToken = time.CreateTimer(static s => ((AttemptTimeouts)s!).Fire(TimeoutKind.FirstToken), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _idle = time.CreateTimer(static s => ((AttemptTimeouts)s!).Fire(TimeoutKind.Idle), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _total = time.CreateTimer(static s => ((AttemptTimeouts)s!).Fire(TimeoutKind.Total), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _firstToken.Change(firstToken, Timeout.InfiniteTimeSpan);
        _total.Change(total, Timeout.InfiniteTimeSpan);
    }

    public CancellationToken Token => _cancellation.Token;

    public TimeoutKind? Fired => Volatile.Read(ref _fired) is var f and >= 0 ? (TimeoutKind)f : null;

    /// <summary>The stream committed: the first-token clock stops and the idle clock starts.</summary>
    public void FirstTokenSeen()
    {
        if (Interlocked.Exchange(ref _committed, 1) == 0)
        {
            _firstToken.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _idle.Change(_idleTimeout, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>A chunk arrived: restart the idle clock (only after the first token).</summary>
    public void ChunkSeen()
    {
        if (Volatile.Read(ref _committed) == 1)
        {
            _idle.Change(_idleTimeout, Timeout.InfiniteTimeSpan);
        }
    }

    private void Fire(TimeoutKind kind)
    {
        if (Interlocked.CompareExchange(ref _fired, (int)kind, -1) != -1)
        {
            return;
        }
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The attempt already ended.
        }
    }

    public void Dispose()
    {
        _firstToken.Dispose();
        _idle.Dispose();
        _total.Dispose();
        _cancellation.Dispose();
    }
}
