using EdgeRouter.Host.Config;
using EdgeRouter.Host.Hosting;
using EdgeRouter.Core.Inference;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Edge.Host;

/// <summary>
/// The real host in-process (Kestrel on 127.0.0.1:0, the real local tier, telemetry, thermal and systemd wiring) with a
/// manual clock, captured logs and exactly the environment variables a test gives it.
/// </summary>
internal sealed class InProcessRouter : IAsyncDisposable
{
    private InProcessRouter(RunningRouter router, ManualTimeProvider time, LogCapture logs)
    {
        Router = router;
        Time = time;
        Logs = logs;
        Client = TestRouter.CreateClient(router.Address);
    }

    public RunningRouter Router { get; }

    public ManualTimeProvider Time { get; }

    public LogCapture Logs { get; }

    public HttpClient Client { get; }

    public static async Task<InProcessRouter> StartAsync(IReadOnlyDictionary<string, string> environment,
        Func<RouterConfig, ITextGenerator>? factory, params string[] args)
    {
        var time = new ManualTimeProvider();
        var logs = new LogCapture();
        var overrides = TestRouter.Overrides(time, logs) with
        {
            Environment = name => environment.GetValueOrDefault(name),
            GeneratorFactory = factory,
        };
        var router = await RouterHost.StartAsync(["--listen", "127.0.0.1:0", .. args], overrides);
        return new InProcessRouter(router, time, logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Router.DisposeAsync();
    }
}
