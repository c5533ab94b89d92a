using EdgeRouter.Cloud.State;
using EdgeRouter.Core.Inference;
using EdgeRouter.Edge.Systemd;
using EdgeRouter.Edge.Telemetry;
using EdgeRouter.Edge.Thermal;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Hosting;

/// <summary>
/// Everything that runs beside the request pipeline once the listener is bound: telemetry sampling feeding the
/// thermal monitor, and the systemd side of the service (STATUS while loading, READY after the load, WATCHDOG pings
/// while the request loop and the inference worker are alive, STOPPING on SIGTERM), and the end of a stop (drain,
/// abort, persist). All of it is inert without $NOTIFY_SOCKET except sampling.
/// </summary>
internal sealed class ServiceLifecycle : IDisposable
{
    /// <summary>Asked of systemd on top of TimeoutStartSec= while the model loads (an SD card can be slow).</summary>
    public static readonly TimeSpan LoadTimeoutExtension = TimeSpan.FromMinutes(3);

    private readonly TelemetrySampler _sampler;
    private readonly IDisposable _thermalSubscription;
    private readonly SystemdLifecycle _systemd;
    private readonly HttpMessageInvoker _probeClient;
    private readonly GracefulStop _stop;
    private readonly LocalTierRuntime _runtime;
    private readonly StatePersister _state;
    private readonly ILogger _logger;
    private readonly CancellationTokenRegistration _stoppingRegistration;

    private ServiceLifecycle(WebApplication app, SystemdEnvironment systemd, Uri address, string loading, Task modelLoad, TimeProvider time)
    {
        var services = app.Services;
        _logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("EdgeRouter.Host");
        _runtime = services.GetRequiredService<LocalTierRuntime>();
        _state = services.GetRequiredService<StatePersister>();
        var inference = services.GetRequiredService<IInferenceService>();
        var thermal = services.GetRequiredService<ThermalMonitor>();

        _sampler = services.GetRequiredService<TelemetrySampler>();
        _sampler.Start();
        _thermalSubscription = thermal.Attach(_sampler);
        HostLog.ThermalThresholds(_logger, thermal.Policy.Thresholds.ToString());

        // Its own client: the probe must not share a pool (or a failure mode) with the cloud tier's clients.
        _probeClient = new HttpMessageInvoker(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) });
        var runtime = _runtime;
        List<LivenessCheck> checks =
        [
            LivenessCheck.HttpGet("request-loop", new Uri(ProbeBase(address), "healthz"), _probeClient),
            LivenessCheck.Of("inference-worker", () => runtime.IsWorkerAlive),
        ];
        _systemd = new SystemdLifecycle(systemd, new SystemdLifecycleOptions
        {
            LivenessChecks = checks,
            StatusLine = () => $"{inference.Readiness.Reason}; thermal {thermal.Current.Describe()}",
        }, time, _logger);

        _systemd.Starting($"loading {loading}", LoadTimeoutExtension);
        // READY=1 also after a failed load: the service is up (and says why it cannot serve in STATUS and /readyz);
        // failing the start would only make systemd restart into the same failure.
        modelLoad.ContinueWith(static (_, state) => ((ServiceLifecycle)state!).ReadyUnlessStopped(), this,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _stoppingRegistration = app.Lifetime.ApplicationStopping.Register(static state => ((SystemdLifecycle)state!).Stopping(), _systemd);
        // Created now, with its logger, so the stop never touches a logger factory that the host already disposed.
        _stop = new GracefulStop(new GracefulStopOptions(), time, _logger);
    }

    public SystemdLifecycle Systemd => _systemd;

    public static ServiceLifecycle Start(WebApplication app, SystemdEnvironment systemd, Uri address, string loading, Task modelLoad, TimeProvider time) =>
        new(app, systemd, address, loading, modelLoad, time);

    /// <summary>
    /// After the listener drained: let the running generation finish, abort it when the drain time is up, then persist.
    /// </summary>
    public Task<StopReport> FinishStopAsync(CancellationToken cancellationToken = default) =>
        _stop.RunAsync(() => _runtime.IsIdle, _runtime.AbortRunning, PersistStateAsync, cancellationToken);

    // The final write of the state file (the persister also writes shortly after every change, so a crash loses at
    // most the last moments). A failed write is reported by the stop, which still exits in order.
    private Task PersistStateAsync(CancellationToken cancellationToken)
    {
        if (!_state.KeepsState)
        {
            HostLog.NothingToPersist(_logger);
        }
        else if (_state.PersistNow())
        {
            HostLog.StatePersisted(_logger, _state.File.Path);
        }
        else
        {
            throw new IOException($"could not write the state file {_state.File.Path}");
        }
        return Task.CompletedTask;
    }

    private void ReadyUnlessStopped()
    {
        try
        {
            _systemd.Ready();
            // Start-up (configuration, services, the model load) leaves garbage that would stay mapped until enough
            // requests trigger a collection; on a board the idle footprint is what the other services live with.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
        catch (ObjectDisposedException)
        {
            // The router stopped before the load finished: there is nothing to announce.
        }
    }

    /// <summary>The listener as a client reaches it: a wildcard bind is probed on loopback.</summary>
    internal static Uri ProbeBase(Uri address)
    {
        var host = address.Host switch
        {
            "0.0.0.0" => "127.0.0.1",
            "[::]" or "::" => "[::1]",
            _ => address.Host,
        };
        return new UriBuilder(address) { Host = host, Path = "/" }.Uri;
    }

    public void Dispose()
    {
        _stoppingRegistration.Dispose();
        _systemd.Dispose();
        _thermalSubscription.Dispose();
        _sampler.Dispose();
        _probeClient.Dispose();
    }
}
