using System.Diagnostics;
using EdgeRouter.Core.Gate;
using EdgeRouter.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EdgeRouter.Tests.Core.Gate;

public sealed class InferenceGateTests
{
    private readonly FakeTimeProvider _time = TestClock.Fake();

    private InferenceGate NewGate(int queueLength = 2, double maxWaitSeconds = 10) =>
        new(new GateOptions { QueueLength = queueLength, MaxWait = TimeSpan.FromSeconds(maxWaitSeconds) }, _time);

    [Fact]
    public async Task AcquireAsync_SlotFree_GrantsAtOnce()
    {
        using var gate = NewGate();

        var result = await gate.AcquireAsync(16, CancellationToken.None);

        Assert.True(result.Acquired);
        Assert.Equal(1, gate.Snapshot().Running);
        result.Lease!.Dispose();
        Assert.Equal(0, gate.Snapshot().Running);
    }

    [Fact]
    public async Task AcquireAsync_QueueFull_RefusesWithinMillisecondsWithRetryAfter()
    {
        using var gate = NewGate(queueLength: 2);
        var holder = await gate.AcquireAsync(100, CancellationToken.None);
        var queued1 = gate.AcquireAsync(100, CancellationToken.None).AsTask();
        var queued2 = gate.AcquireAsync(100, CancellationToken.None).AsTask();

        var stopwatch = Stopwatch.StartNew();
        var refused = await gate.AcquireAsync(100, CancellationToken.None);
        stopwatch.Stop();

        Assert.False(refused.Acquired);
        Assert.True(refused.RetryAfter >= TimeSpan.FromSeconds(1));
        Assert.Contains("busy", refused.Reason);
        Assert.True(stopwatch.ElapsedMilliseconds < 50, $"refusal took {stopwatch.ElapsedMilliseconds} ms");
        Assert.Equal(1, gate.Snapshot().Rejected);

        holder.Lease!.Dispose();
        (await queued1).Lease!.Dispose();
        (await queued2).Lease!.Dispose();
        Assert.Equal(0, gate.Snapshot().Running);
    }

    [Fact]
    public async Task AcquireAsync_QueuedPastMaxWait_RefusedAsTimedOut()
    {
        using var gate = NewGate(queueLength: 2, maxWaitSeconds: 5);
        var holder = await gate.AcquireAsync(100, CancellationToken.None);
        var queued = gate.AcquireAsync(100, CancellationToken.None).AsTask();

        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(queued.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.2));

        var result = await queued.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(result.Acquired);
        Assert.Contains("wait", result.Reason);
        var snapshot = gate.Snapshot();
        Assert.Equal(1, snapshot.TimedOut);
        Assert.Equal(0, snapshot.Queued);
        holder.Lease!.Dispose();
    }

    [Fact]
    public async Task AcquireAsync_QueueDisabled_RefusesWhenBusy()
    {
        using var gate = NewGate(queueLength: 0);
        var holder = await gate.AcquireAsync(10, CancellationToken.None);

        var refused = await gate.AcquireAsync(10, CancellationToken.None);

        Assert.False(refused.Acquired);
        holder.Lease!.Dispose();
        Assert.True((await gate.AcquireAsync(10, CancellationToken.None)).Acquired);
    }

    [Fact]
    public async Task Release_HandsSlotToOldestWaiter()
    {
        using var gate = NewGate(queueLength: 2);
        var holder = await gate.AcquireAsync(10, CancellationToken.None);
        var first = gate.AcquireAsync(10, CancellationToken.None).AsTask();
        var second = gate.AcquireAsync(10, CancellationToken.None).AsTask();

        holder.Lease!.Dispose();
        var granted = await first.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(granted.Acquired);
        Assert.False(second.IsCompleted);
        granted.Lease!.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Lease!.Dispose();
    }

    [Fact]
    public async Task Dispose_Twice_DoesNotReleaseAnotherCallersSlot()
    {
        using var gate = NewGate(queueLength: 1);
        var holder = await gate.AcquireAsync(10, CancellationToken.None);
        var next = gate.AcquireAsync(10, CancellationToken.None).AsTask();
        holder.Lease!.Dispose();
        var nextLease = (await next.WaitAsync(TimeSpan.FromSeconds(5))).Lease!;

        holder.Lease.Dispose();

        Assert.Equal(1, gate.Snapshot().Running);
        var third = gate.AcquireAsync(10, CancellationToken.None).AsTask();
        Assert.False(third.IsCompleted);
        nextLease.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Lease!.Dispose();
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileQueued_ThrowsAndLeavesQueue()
    {
        using var gate = NewGate(queueLength: 1);
        var holder = await gate.AcquireAsync(10, CancellationToken.None);
        using var cts = new CancellationTokenSource();
        var queued = gate.AcquireAsync(10, cts.Token).AsTask();

        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.Equal(0, gate.Snapshot().Queued);
        holder.Lease!.Dispose();
        var again = await gate.AcquireAsync(10, CancellationToken.None);
        Assert.True(again.Acquired);
        again.Lease!.Dispose();
    }

    [Fact]
    public async Task EstimateRetryAfter_UsesRemainingBudgetAndMeasuredRate()
    {
        using var gate = NewGate(queueLength: 0);

        // Teach the gate a rate: 50 tokens over 5 simulated seconds after the first token = ~10 tok/s.
        var measured = (await gate.AcquireAsync(51, CancellationToken.None)).Lease!;
        measured.ReportProgress(1);
        _time.Advance(TimeSpan.FromSeconds(2.5));
        measured.ReportProgress(26);
        _time.Advance(TimeSpan.FromSeconds(2.5));
        measured.ReportProgress(51);
        measured.Dispose();
        Assert.InRange(gate.Snapshot().MeasuredTokensPerSecond, 9.9, 10.1);

        var running = (await gate.AcquireAsync(200, CancellationToken.None)).Lease!;
        running.ReportProgress(100);

        var refused = await gate.AcquireAsync(10, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(10), refused.RetryAfter);
        running.Dispose();
    }

    [Fact]
    public async Task EstimateRetryAfter_IsCapped()
    {
        using var gate = new InferenceGate(new GateOptions { QueueLength = 0, MaxRetryAfter = TimeSpan.FromSeconds(30), InitialTokensPerSecond = 1 }, _time);
        var running = (await gate.AcquireAsync(100_000, CancellationToken.None)).Lease!;

        var refused = await gate.AcquireAsync(10, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(30), refused.RetryAfter);
        running.Dispose();
    }

    [Fact]
    public async Task RandomCancellation_NeverLeaksTheSlotNorRunsTwo()
    {
        using var gate = NewGate(queueLength: 3, maxWaitSeconds: 30);
        var random = new Random(1234);
        var running = 0;
        var maxRunning = 0;

        async Task Caller(int delayBeforeCancelMs, int holdMs)
        {
            using var cts = new CancellationTokenSource();
            if (delayBeforeCancelMs >= 0)
            {
                cts.CancelAfter(delayBeforeCancelMs);
            }
            GateResult result;
            try
            {
                result = await gate.AcquireAsync(10, cts.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (result.Lease is not { } lease)
            {
                return;
            }
            try
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref maxRunning, now);
                await Task.Delay(holdMs, cts.Token);
            }
            catch (OperationCanceledException)
            {
                // Cancelled while holding the slot: the finally must still free it.
            }
            finally
            {
                Interlocked.Decrement(ref running);
                lease.Dispose();
            }
        }

        var callers = Enumerable.Range(0, 300)
            .Select(_ => Caller(random.Next(-1, 4), random.Next(0, 3)))
            .ToArray();
        await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, maxRunning);
        var snapshot = gate.Snapshot();
        Assert.Equal(0, snapshot.Running);
        Assert.Equal(0, snapshot.Queued);
        var after = await gate.AcquireAsync(10, CancellationToken.None);
        Assert.True(after.Acquired);
        after.Lease!.Dispose();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
