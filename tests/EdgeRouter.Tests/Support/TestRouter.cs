using EdgeRouter.Host.Config;
using EdgeRouter.Host.Hosting;
using EdgeRouter.Core.Inference;
using EdgeRouter.Tests.Cloud.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Tests.Support;

/// <summary>
/// The one way tests run the router in-process: the host's composition root on a real Kestrel at 127.0.0.1:0, the real
/// local tier (LocalTier + InferenceGate + InferenceWorker) over a <see cref="FakeTextGenerator"/> or llama.cpp, a
/// manual clock, captured logs, no config file and no environment but what <see cref="TestRouterOptions"/> gives it.
/// </summary>
public sealed class TestRouter : IAsyncDisposable
{
    private readonly string _directory;
    private readonly FaultyUpstream? _upstream;

    private TestRouter(RunningRouter router, FakeTextGenerator fake, ManualTimeProvider time, LogCapture logs, string directory,
        FaultyUpstream? upstream)
    {
        _directory = directory;
        _upstream = upstream;
        Router = router;
        Fake = fake;
        Time = time;
        Logs = logs;
        Client = CreateClient(router.Address);
    }

    public RunningRouter Router { get; }

    public FakeTextGenerator Fake { get; }

    public ManualTimeProvider Time { get; }

    public LogCapture Logs { get; }

    public HttpClient Client { get; }

    /// <summary>The upstream of <see cref="TestRouterOptions.Upstream"/>.</summary>
    public FaultyUpstream Faulty => _upstream ?? throw new InvalidOperationException("This router was started without an upstream.");

    /// <summary>The host's cloud router (the config must have a cloud section).</summary>
    public EdgeRouter.Core.Routing.Router Cloud => Router.Services.GetRequiredService<EdgeRouter.Core.Routing.Router>();

    /// <summary>Moves the clock and waits for the failback probes it set off to finish their real HTTP round trips.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        await Router.Services.GetRequiredService<EdgeRouter.Cloud.Tiers.UpstreamFleet>().ProbesSettledAsync().WaitAsync(TimeSpan.FromSeconds(20));
    }

    public static Task<TestRouter> StartAsync(FakeTextGenerator? fake = null, IEnumerable<string>? args = null,
        Func<RouterConfig, ITextGenerator>? factory = null, bool waitUntilReady = true) =>
        StartAsync(new TestRouterOptions { Fake = fake, Args = [.. args ?? []], Factory = factory, WaitUntilReady = waitUntilReady });

    public static async Task<TestRouter> StartAsync(TestRouterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var fake = options.Fake ?? new FakeTextGenerator();
        var time = options.Time ?? new ManualTimeProvider();
        var logs = options.Logs ?? new LogCapture();
        var directory = Directory.CreateTempSubdirectory("edgerouter-router-").FullName;
        RunningRouter? router = null;
        try
        {
            var stateHome = Directory.CreateDirectory(Path.Join(directory, "state")).FullName;
            var environment = options.Environment ?? new Dictionary<string, string>();
            var overrides = Overrides(time, logs) with
            {
                GeneratorFactory = options.LlamaEngine ? null : options.Factory ?? (_ => fake),
                Environment = name => environment.TryGetValue(name, out var value) ? value : name == "XDG_STATE_HOME" ? stateHome : null,
                ConfigureKestrel = options.ConfigureKestrel,
                ConfigureServices = options.ConfigureServices,
                ConfigureApp = options.ConfigureApp,
            };
            List<string> args = ["--listen", options.Listen];
            if (options.ConfigJson is { } json)
            {
                var config = Path.Join(directory, "edgerouter.json");
                await File.WriteAllTextAsync(config, json);
                args.AddRange(["--config", config]);
            }
            args.AddRange(options.Args);
            router = options.Config is { } record
                ? await RouterHost.StartAsync(record with { Listen = new ListenEndpoint("127.0.0.1", 0) }, overrides)
                : await RouterHost.StartAsync(args, overrides);
            if (options.WaitUntilReady)
            {
                await router.ModelLoad.WaitAsync(options.ReadyTimeout);
            }
            return new TestRouter(router, fake, time, logs, directory, options.Upstream);
        }
        catch
        {
            if (router is not null)
            {
                await router.DisposeAsync();
            }
            if (options.Upstream is { } upstream)
            {
                await upstream.DisposeAsync();
            }
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// A client that closes a connection at once when a response is disposed unread (the default handler drains it
    /// for up to 2 s first), so "the client disconnected" happens when the test says so.
    /// </summary>
    public static HttpClient CreateClient(Uri address) =>
        new(new SocketsHttpHandler { MaxResponseDrainSize = 0, ResponseDrainTimeout = TimeSpan.Zero })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>Hermetic overrides: no process environment, no config files, logs captured in memory (also for the CLI in-process).</summary>
    public static HostOverrides Overrides(TimeProvider time, LogCapture logs) => new()
    {
        Time = time,
        Environment = static _ => null,
        ConfigSearchPaths = [],
        ConfigureLogging = logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(logs);
            logging.SetMinimumLevel(LogLevel.Debug);
        },
    };

    public async ValueTask DisposeAsync()
    {
        Fake.Release();
        Client.Dispose();
        await Router.DisposeAsync();
        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }
        Directory.Delete(_directory, recursive: true);
    }
}
