using System.Text;
using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Credentials;
using EdgeRouter.Cloud.Failback;
using EdgeRouter.Cloud.Hosting;
using EdgeRouter.Cloud.Limits;
using EdgeRouter.Cloud.Tiers;
using EdgeRouter.Core.Gate;
using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Local;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeRouter.Tests.Cloud.Support;

/// <summary>
/// A Router built through the real DI registration over a real LocalTier (fake generator, real gate and worker),
/// a manual clock, no jitter, and test credentials. Consumes runs the way an API surface would.
/// </summary>
public sealed class RouterHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly InferenceWorker _worker;

    private RouterHarness(ServiceProvider services, InferenceWorker worker, FakeGenerator generator, ManualTimeProvider time,
        InferenceGate gate, LocalTier localTier)
    {
        _services = services;
        _worker = worker;
        Generator = generator;
        Time = time;
        Gate = gate;
        LocalTier = localTier;
        Router = services.GetRequiredService<Router>();
        Upstreams = services.GetRequiredService<UpstreamFleet>();
        Upstreams.Events.Raised += e =>
        {
            lock (Events)
            {
                Events.Add(e);
            }
        };
    }

    public Router Router { get; }

    public UpstreamFleet Upstreams { get; }

    public ManualTimeProvider Time { get; }

    public FakeGenerator Generator { get; }

    public InferenceGate Gate { get; }

    public LocalTier LocalTier { get; }

    public List<HealthEvent> Events { get; } = [];

    public static readonly IReadOnlyDictionary<string, string> Environment = new Dictionary<string, string>
    {
        ["KEY_A"] = "sk-key-a",
        ["KEY_B"] = "sk-key-b",
    };

    /// <param name="files">Credential files by absolute path (for <c>file:</c> references); none exist by default.</param>
    /// <param name="services">Last word on the registrations, e.g. <see cref="ResponseBodyWatch.AddTo"/>.</param>
    public static async Task<RouterHarness> StartAsync(CloudConfig config, FakeGenerator? generator = null, int gateQueue = 0,
        ILocalAdmissionPolicy? board = null, IReadOnlyDictionary<string, string>? files = null, LocalEmbeddings? embeddings = null,
        Action<IServiceCollection>? services = null)
    {
        var time = new ManualTimeProvider();
        generator ??= new FakeGenerator();
        var credentials = new CredentialResolver(n => Environment.GetValueOrDefault(n), path => files?.GetValueOrDefault(path));
        var errors = CloudConfigValidator.Validate(config, credentials);
        Assert.True(errors.Count == 0, string.Join("; ", errors));

        var host = new LocalModelHost(NullLogger<LocalModelHost>.Instance);
        var worker = new InferenceWorker(time);
        await host.LoadAsync(worker, "fake", () => generator);
        var gate = new InferenceGate(new GateOptions { QueueLength = gateQueue, MaxWait = TimeSpan.FromSeconds(5) }, time);
        var localTier = new LocalTier(host, gate, worker, board);

        var registrations = new ServiceCollection();
        registrations.AddLogging();
        registrations.AddSingleton<TimeProvider>(time);
        registrations.AddSingleton<ICredentialResolver>(credentials);
        registrations.AddSingleton(new Jitter(() => 0));
        registrations.AddSingleton(gate);
        registrations.AddSingleton(localTier);
        if (embeddings is not null)
        {
            registrations.AddSingleton(embeddings);
        }
        registrations.AddEdgeRouterCloud(config);
        services?.Invoke(registrations);
        var provider = registrations.BuildServiceProvider();
        Assert.Same(provider.GetRequiredService<Router>(), provider.GetRequiredService<IInferenceService>());
        return new RouterHarness(provider, worker, generator, time, gate, localTier);
    }

    /// <summary>An upstream on the fault server, on credential <paramref name="key"/> (an env var in <see cref="Environment"/>).</summary>
    public static UpstreamConfig Upstream(FaultyUpstream server, string name, string key = "KEY_A", int contextWindow = 8192,
        UpstreamLimits? limits = null, string? scenario = null, UpstreamApi api = UpstreamApi.Chat) => new()
        {
            Name = name,
            Api = api,
            BaseUrl = server.BaseUrl(scenario ?? name),
            Model = $"model-{name}",
            Credential = $"env:{key}",
            ContextWindow = contextWindow,
            UseProxy = false,
            Limits = limits ?? new UpstreamLimits { MaxConcurrency = 16 },
            Timeouts = new UpstreamTimeouts
            {
                Connect = TimeSpan.FromSeconds(5),
                FirstToken = TimeSpan.FromSeconds(10),
                Idle = TimeSpan.FromSeconds(10),
                Total = TimeSpan.FromSeconds(120),
            },
        };

    /// <summary>Moves the clock and waits for the failback probes it set off to finish their real HTTP round trips.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        await Upstreams.ProbesSettledAsync().WaitAsync(TimeSpan.FromSeconds(20));
    }

    /// <summary>Moves the clock just past <paramref name="upstream"/>'s next failback probe and waits for it.</summary>
    public async Task AdvanceToNextProbeAsync(string upstream)
    {
        var next = Upstreams.Failback(upstream).Until ?? throw new InvalidOperationException($"{upstream} has no probe scheduled");
        var wait = next - Time.GetUtcNow();
        await AdvanceAsync((wait > TimeSpan.Zero ? wait : TimeSpan.Zero) + TimeSpan.FromMilliseconds(1));
    }

    /// <summary>Runs probe after probe until <paramref name="upstream"/> is back in service (its upstream must answer well).</summary>
    public async Task RecoverAsync(string upstream, int maxProbes = 20)
    {
        for (var i = 0; i < maxProbes && Upstreams.Failback(upstream).State != FailbackState.InService; i++)
        {
            await AdvanceToNextProbeAsync(upstream);
        }
        Assert.Equal(FailbackState.InService, Upstreams.Failback(upstream).State);
    }

    /// <summary>Occupies the local slot directly (not through the router) until <see cref="FakeGenerator.Release"/>.</summary>
    public async Task<InferenceRun> HoldLocalSlotAsync()
    {
        Generator.HoldAfterFirstToken();
        var admission = await LocalTier.StartAsync(GenerationRequest.Chat([new("user", "long job")]), CancellationToken.None);
        var run = Assert.IsType<Admission.Started>(admission).Run;
        Assert.True(await run.Text.WaitToReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, Gate.Snapshot().Running);
        return run;
    }

    public static GenerationRequest Chat(string text = "hi", int? maxTokens = 32) =>
        GenerationRequest.Chat([new("user", text)], new SamplingOptions { MaxTokens = maxTokens });

    /// <summary>Routes and reads the run to its end, like an API surface; failures are captured, not thrown.</summary>
    public async Task<Routed> RunAsync(string model, GenerationRequest? request = null, CancellationToken cancellationToken = default)
    {
        var outcome = await Router.RouteAsync(model, request ?? Chat(), cancellationToken);
        return await Routed.ConsumeAsync(outcome);
    }

    public async ValueTask DisposeAsync()
    {
        Generator.Release();
        await _services.DisposeAsync();
        Gate.Dispose();
        _worker.Dispose();
    }
}

/// <summary>A routed request after its run was read to the end.</summary>
public sealed record Routed(RouteOutcome Outcome, string Text, string Raw, Exception? StreamError, GenerationResult? Result)
{
    public RouteTrace Trace => Outcome.Trace;

    public RouteFailure? Failure => Outcome.Failure;

    public bool Served => Outcome.Admission is Admission.Started;

    public static async Task<Routed> ConsumeAsync(RouteOutcome outcome)
    {
        if (outcome.Run is not { } run)
        {
            return new Routed(outcome, "", "", null, null);
        }
        var text = new StringBuilder();
        Exception? error = null;
        try
        {
            await foreach (var piece in run.Text.ReadAllAsync().WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token))
            {
                text.Append(piece);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = ex;
        }
        var raw = new StringBuilder();
        if (outcome.RawOpenAiStream is { } frames)
        {
            await foreach (var frame in frames.ReadAllAsync())
            {
                raw.Append(Encoding.UTF8.GetString(frame.Span));
            }
        }
        GenerationResult? result = null;
        try
        {
            result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (Exception ex) when (ex is not TimeoutException)
        {
            error ??= ex;
        }
        await run.DisposeAsync();
        return new Routed(outcome, text.ToString(), raw.ToString(), error, result);
    }
}
