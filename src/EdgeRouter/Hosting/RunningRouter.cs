using EdgeRouter.Host.Config;
using EdgeRouter.Inference;

namespace EdgeRouter.Host.Hosting;

/// <summary>A started router: where it listens, what it serves, and how to stop it.</summary>
public sealed class RunningRouter : IAsyncDisposable
{
    private readonly WebApplication _app;

    internal RunningRouter(WebApplication app, RouterConfig config, Uri address, Task modelLoad)
    {
        _app = app;
        Config = config;
        Address = address;
        ModelLoad = modelLoad;
    }

    /// <summary>The bound address, e.g. http://127.0.0.1:43117/ when started with --listen 127.0.0.1:0.</summary>
    public Uri Address { get; }

    public RouterConfig Config { get; }

    public IServiceProvider Services => _app.Services;

    public IInferenceService Inference => _app.Services.GetRequiredService<IInferenceService>();

    /// <summary>The local tier's gate (running/queued counts), or null when an inference service was injected.</summary>
    internal Gate.InferenceGate? LocalGate => _app.Services.GetService<LocalTierRuntime>()?.Gate;

    /// <summary>Completes when the local model finished loading (ready or failed); completed at once for an injected service.</summary>
    public Task ModelLoad { get; }

    /// <summary>Completes when the host is asked to stop (SIGTERM, Ctrl+C) or <paramref name="cancellationToken"/> fires.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
