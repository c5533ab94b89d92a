using EdgeRouter.Core.Gate;
using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Routing;
using EdgeRouter.Edge.Thermal;

namespace EdgeRouter.Host.Observability.Events;

/// <summary>The host's own transitions: the local gate starting and stopping to refuse, thermal shedding, the model load.</summary>
internal sealed class HostEventSources : IDisposable
{
    public const string GateSubject = "gate";
    public const string ThermalSubject = "thermal";
    public const string LocalSubject = "local";

    private readonly RouterEvents _events;
    private readonly InferenceGate? _gate;
    private readonly ThermalMonitor? _thermal;

    public HostEventSources(RouterEvents events, InferenceGate? gate, ThermalMonitor? thermal)
    {
        _events = events;
        _gate = gate;
        _thermal = thermal;
        if (gate is not null)
        {
            gate.SaturationChanged += OnSaturation;
        }
        if (thermal is not null)
        {
            thermal.LevelChanged += OnThermal;
        }
    }

    /// <summary>Publishes ModelLoaded or ModelFailed once <paramref name="modelLoad"/> completes.</summary>
    public Task WatchModelLoad(Task modelLoad, ILocalTier local) => modelLoad.ContinueWith(_ =>
    {
        var readiness = local.Readiness;
        if (local.Model is { } model)
        {
            _events.Publish(RouterEventKind.ModelLoaded, model.Name, EventSeverity.Info,
                $"{model.Architecture}, context {model.ContextLength} tokens, loaded in {model.LoadDuration.TotalSeconds:0.0} s");
        }
        else if (readiness.State == ReadinessState.Failed)
        {
            _events.Publish(RouterEventKind.ModelFailed, LocalSubject, EventSeverity.Critical, readiness.Reason);
        }
    }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private void OnSaturation(bool saturated)
    {
        var snapshot = _gate!.Snapshot();
        if (saturated)
        {
            _events.Publish(RouterEventKind.GateSaturated, GateSubject, EventSeverity.Warning,
                $"refusing callers: {snapshot.Running} running, {snapshot.Queued} queued, queue length {_gate.Options.QueueLength}");
        }
        else
        {
            _events.Publish(RouterEventKind.GateRecovered, GateSubject, EventSeverity.Info,
                $"admitting again; {snapshot.Rejected} refused so far");
        }
    }

    private void OnThermal(ThermalStateChange change)
    {
        if (change.To == ThermalLevel.Hot)
        {
            _events.Publish(RouterEventKind.ThermalShedOn, ThermalSubject, EventSeverity.Warning, change.Reason);
        }
        else if (change.From == ThermalLevel.Hot)
        {
            _events.Publish(RouterEventKind.ThermalShedOff, ThermalSubject, EventSeverity.Info,
                $"{change.To.ToString().ToLowerInvariant()}: {change.Reason}");
        }
    }

    public void Dispose()
    {
        if (_gate is not null)
        {
            _gate.SaturationChanged -= OnSaturation;
        }
        if (_thermal is not null)
        {
            _thermal.LevelChanged -= OnThermal;
        }
    }
}
