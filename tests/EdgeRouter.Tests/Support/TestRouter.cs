using EdgeRouter.Host.Config;
using EdgeRouter.Host.Hosting;
using EdgeRouter.Core.Inference;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Tests.Support;

/// <summary>
/// The real router on a real Kestrel at 127.0.0.1:0, with a <see cref="FakeTextGenerator"/> behind the real local tier
/// (LocalTier + InferenceGate + InferenceWorker), a manual clock, captured logs, no config file and no environment
/// except its own XDG_STATE_HOME (so a cloud config's state file never lands in, or is read from, the real home).
/// </summary>
public sealed class TestRouter : IAsyncDisposable
{
    private readonly string _stateHome;

    private TestRouter(RunningRouter router, FakeTextGenerator fake, ManualTimeProvider time, LogCapture logs, string stateHome)
    {
        _stateHome = stateHome;
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

    /// <summary>The host's cloud router (the config must have a cloud section).</summary>
    public EdgeRouter.Core.Routing.Router Cloud => Router.Services.GetRequiredService<EdgeRouter.Core.Routing.Router>();

    /// <summary>Moves the clock and waits for the failback probes it set off to finish their real HTTP round trips.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        await Router.Services.GetRequiredService<EdgeRouter.Cloud.Tiers.UpstreamFleet>().ProbesSettledAsync().WaitAsync(TimeSpan.FromSeconds(20));
    }

    public static async Task<TestRouter> StartAsync(FakeTextGenerator? fake = null, IEnumerable<string>? args = null,
        Func<RouterConfig, ITextGenerator>? factory = null, bool waitUntilReady = true)
    {
        fake ??= new FakeTextGenerator();
        var time = new ManualTimeProvider();
        var logs = new LogCapture();
        var stateHome = Directory.CreateTempSubdirectory("edgerouter-state-").FullName;
        var overrides = Overrides(time, logs) with
        {
            GeneratorFactory = factory ?? (_ => fake),
            Environment = name => name == "XDG_STATE_HOME" ? stateHome : null,
        };
        RunningRouter router;
        try
        {
            router = await RouterHost.StartAsync(["--listen", "127.0.0.1:0", .. args ?? []], overrides);
        }
        catch
        {
            Directory.Delete(stateHome, recursive: true);
            throw;
        }
        if (waitUntilReady)
        {
            await router.ModelLoad.WaitAsync(TimeSpan.FromSeconds(10));
        }
        return new TestRouter(router, fake, time, logs, stateHome);
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

    /// <summary>Hermetic overrides: no process environment, no config files, logs captured in memory.</summary>
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
        Directory.Delete(_stateHome, recursive: true);
    }
}
