using EdgeRouter.Core.Gate;
using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Local;
using EdgeRouter.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeRouter.Tests.Host.Hosting;

/// <summary>LocalTier's two hooks for the edge integration: the admission policy (thermal shedding) and the shutdown token.</summary>
public sealed class LocalTierAdmissionTests
{
    [Fact]
    public async Task Shed_IsUnavailableWithTheAdvisedRetryAfterAndReason_AndNothingRuns()
    {
        var policy = new FakePolicy { Advice = new LocalAdvice.Shed(TimeSpan.FromSeconds(42), "too hot (90 °C)") };
        using var tier = await Tier.StartAsync(policy);

        var admission = await tier.Local.StartAsync(Request(), CancellationToken.None);

        var unavailable = Assert.IsType<Admission.Unavailable>(admission);
        Assert.Equal(TimeSpan.FromSeconds(42), unavailable.RetryAfter);
        Assert.Equal("too hot (90 °C)", unavailable.Reason);
        Assert.Equal(0, tier.Fake.Generations);
        Assert.Equal(0, tier.Gate.Snapshot().Admitted);
    }

    [Fact]
    public async Task Shed_AppliesToTryStartNowToo()
    {
        var policy = new FakePolicy { Advice = new LocalAdvice.Shed(TimeSpan.FromSeconds(5), "hot") };
        using var tier = await Tier.StartAsync(policy);

        Assert.IsType<Admission.Unavailable>(await tier.Local.TryStartNowAsync(Request(), CancellationToken.None));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AcceptAndPreferUpstream_RunLocally(bool warm)
    {
        var policy = new FakePolicy { Advice = warm ? new LocalAdvice.PreferUpstream(2, "warm") : LocalAdvice.Accept };
        using var tier = await Tier.StartAsync(policy);

        var started = Assert.IsType<Admission.Started>(await tier.Local.StartAsync(Request(), CancellationToken.None));
        await using var run = started.Run;
        var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(FinishReason.Stop, result.FinishReason);
        Assert.Equal(1, policy.Calls);
    }

    [Fact]
    public async Task CancellingTheShutdownToken_AbortsTheRunningGeneration_AndFreesTheSlot()
    {
        using var shutdown = new CancellationTokenSource();
        using var tier = await Tier.StartAsync(policy: null, shutdown.Token);
        tier.Fake.Hold();

        var started = Assert.IsType<Admission.Started>(await tier.Local.StartAsync(Request(), CancellationToken.None));
        await using var run = started.Run;
        await tier.Fake.WaitForStartAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, tier.Gate.Snapshot().Running);

        await shutdown.CancelAsync();
        var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(FinishReason.Cancelled, result.FinishReason);
        Assert.Equal(0, tier.Gate.Snapshot().Running);
    }

    private static GenerationRequest Request() =>
        GenerationRequest.Chat([new ChatMessage("user", "Hi")], new SamplingOptions { MaxTokens = 8 });

    private sealed class FakePolicy : ILocalAdmissionPolicy
    {
        private int _calls;

        public LocalAdvice Advice { get; set; } = LocalAdvice.Accept;

        public int Calls => Volatile.Read(ref _calls);

        public LocalAdvice Advise()
        {
            Interlocked.Increment(ref _calls);
            return Advice;
        }
    }

    private sealed class Tier : IDisposable
    {
        private readonly InferenceWorker _worker;
        private readonly LocalModelHost _host;

        private Tier(InferenceWorker worker, LocalModelHost host, InferenceGate gate, LocalTier local, FakeTextGenerator fake)
        {
            _worker = worker;
            _host = host;
            Gate = gate;
            Local = local;
            Fake = fake;
        }

        public InferenceGate Gate { get; }

        public LocalTier Local { get; }

        public FakeTextGenerator Fake { get; }

        public static async Task<Tier> StartAsync(ILocalAdmissionPolicy? policy, CancellationToken shutdown = default)
        {
            var time = TestClock.Fake();
            var fake = new FakeTextGenerator();
            var worker = new InferenceWorker(time);
            var host = new LocalModelHost(NullLogger<LocalModelHost>.Instance);
            await host.LoadAsync(worker, "fake", () => fake);
            var gate = new InferenceGate(new GateOptions { QueueLength = 1, MaxWait = TimeSpan.FromSeconds(5) }, time);
            return new Tier(worker, host, gate, new LocalTier(host, gate, worker, policy, shutdown), fake);
        }

        public void Dispose()
        {
            Fake.Release();
            _worker.Dispose();
            _host.Dispose();
            Gate.Dispose();
        }
    }
}
