using System.Diagnostics;
using System.Globalization;

namespace EdgeRouter.Tests.Soak;

/// <summary>
/// Samples a process's resident set (VmRSS in /proc/PID/status) every 250 ms. Growth is judged by halves: the second
/// half's peak against the first half's, so warm-up (JIT, pools, the KV cache) counts as baseline and only a steady
/// climb fails.
/// </summary>
public sealed class RssWatch : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly int _pid;
    private readonly List<(TimeSpan At, long Kib)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _loop;

    private RssWatch(int pid)
    {
        _pid = pid;
        _loop = Task.Run(LoopAsync);
    }

    public static RssWatch Start(int pid) => new(pid);

    public int Samples => _samples.Count;

    public long FirstKib => _samples.Count > 0 ? _samples[0].Kib : 0;

    public long LastKib => _samples.Count > 0 ? _samples[^1].Kib : 0;

    public long FirstHalfPeakKib => Peak(firstHalf: true);

    public long SecondHalfPeakKib => Peak(firstHalf: false);

    /// <summary>The allowance: the second half may peak at most this far above the first half's peak.</summary>
    public long AllowedGrowthKib => Math.Max(64 * 1024, FirstHalfPeakKib / 2);

    public bool GrowthBounded => SecondHalfPeakKib <= FirstHalfPeakKib + AllowedGrowthKib;

    private long Peak(bool firstHalf)
    {
        if (_samples.Count == 0)
        {
            return 0;
        }
        var middle = _samples[^1].At / 2;
        return _samples.Where(s => (s.At <= middle) == firstHalf).Select(s => s.Kib).DefaultIfEmpty(0).Max();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            if (ReadKib() is { } kib)
            {
                _samples.Add((_clock.Elapsed, kib));
            }
            try
            {
                await Task.Delay(Interval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private long? ReadKib()
    {
        try
        {
            var line = File.ReadLines($"/proc/{_pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null; // the process is gone; the soak reports that as a crash
        }
    }

    /// <summary>Stops sampling (the figures stay).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
