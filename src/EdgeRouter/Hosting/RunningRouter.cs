using EdgeRouter.Host.Config;
using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Hosting;

/// <summary>A started router: where it listens, what it serves, and how to stop it.</summary>
public sealed class RunningRouter : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServiceLifecycle _lifecycle;

    internal RunningRouter(WebApplication app, RouterConfig config, Uri address, Task modelLoad, ServiceLifecycle lifecycle)
    {
        _app = app;
        _lifecycle = lifecycle;
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
    internal EdgeRouter.Core.Gate.InferenceGate? LocalGate => _app.Services.GetRequiredService<LocalTierRuntime>().Gate;

    /// <summary>Completes when the local model finished loading (ready or failed); completed at once for an injected service.</summary>
    public Task ModelLoad { get; }

    /// <summary>Completes when the host is asked to stop (SIGTERM, Ctrl+C) or <paramref name="cancellationToken"/> fires.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <summary>
    /// The end of a stop, after <see cref="WaitForShutdownAsync"/> or <see cref="StopAsync"/> drained the listener: gives
    /// the running local generation its drain time, aborts it after that, then persists state (a no-op hook for now).
    /// Waits on the router's <see cref="TimeProvider"/>.
    /// </summary>
    public Task<EdgeRouter.Edge.Systemd.StopReport> FinishStopAsync(CancellationToken cancellationToken = default) =>
        _lifecycle.FinishStopAsync(cancellationToken);

    /// <summary>The sd_notify side (READY, STATUS, WATCHDOG, STOPPING); inert without $NOTIFY_SOCKET.</summary>
    internal EdgeRouter.Edge.Systemd.SystemdLifecycle Systemd => _lifecycle.Systemd;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            // Timers and the sampler first, while the logger factory they write to still exists.
            _lifecycle.Dispose();
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
