using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Tiers;
using EdgeRouter.Core.Routing;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Cloud.State;

/// <summary>
/// Keeps the state file in step with the router. <see cref="StartAsync"/> restores the saved state (before traffic),
/// then every health event that changes persisted state arms a timer: the write happens on the timer's thread
/// <see cref="CoalesceDelay"/> later, so a burst of events is one write and the request that raised the event never
/// waits for a disk. <see cref="PersistNow"/> is the final write of a graceful stop.
/// </summary>
public sealed class StatePersister : IDisposable
{
    public static readonly TimeSpan DefaultCoalesceDelay = TimeSpan.FromMilliseconds(250);

    private readonly Router _router;
    private readonly UpstreamFleet _upstreams;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _writeLock = new();
    private ITimer? _timer;
    private int _pending;

    public StatePersister(Router router, UpstreamFleet upstreams, StateFile file, TimeProvider time, ILogger logger,
        TimeSpan? coalesceDelay = null)
    {
        _router = router;
        _upstreams = upstreams;
        File = file;
        _time = time;
        _logger = logger;
        CoalesceDelay = coalesceDelay ?? DefaultCoalesceDelay;
    }

    public StateFile File { get; }

    public TimeSpan CoalesceDelay { get; }

    /// <summary>
    /// Without upstreams there are no cooldowns or circuits to outlive a restart, and a board serving its model alone
    /// never touches the state directory.
    /// </summary>
    public bool KeepsState => _upstreams.UpstreamStatuses().Count > 0;

    private bool NothingToKeep => !KeepsState;

    /// <summary>Loads the file, applies what is still valid to the router, and starts following its events. Call once.</summary>
    /// <returns>What was restored.</returns>
    public async Task<RouterState> StartAsync()
    {
        if (NothingToKeep)
        {
            return new RouterState();
        }
        var restored = await RouterStateMapper.RestoreAsync(_router, _upstreams, File.Load(), _logger).ConfigureAwait(false);
        if (!restored.IsEmpty)
        {
            CloudLog.StateRestored(_logger, File.Path, restored.Cooldowns.Count, restored.Breakers.Count, restored.Pins.Count);
        }
        _timer = _time.CreateTimer(static s => ((StatePersister)s!).WritePending(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _upstreams.Events.Raised += OnHealthEvent;
        return restored;
    }

    /// <summary>Writes the router's state now; false when the write failed (logged; the previous file stands).</summary>
    public bool PersistNow()
    {
        if (NothingToKeep)
        {
            return true;
        }
        Interlocked.Exchange(ref _pending, 0);
        lock (_writeLock)
        {
            // Captured under the lock: a later write always carries a later state.
            return File.Save(RouterStateMapper.Capture(_router, _upstreams, _time.GetUtcNow()));
        }
    }

    private void OnHealthEvent(HealthEvent healthEvent)
    {
        if (ChangesPersistedState(healthEvent.Kind) && Interlocked.Exchange(ref _pending, 1) == 0)
        {
            _timer?.Change(CoalesceDelay, Timeout.InfiniteTimeSpan);
        }
    }

    private static bool ChangesPersistedState(HealthEventKind kind) => kind is HealthEventKind.Cooldown
        or HealthEventKind.CredentialDisabled or HealthEventKind.CooldownCleared or HealthEventKind.BreakerOpened
        or HealthEventKind.BreakerClosed or HealthEventKind.BreakerReset or HealthEventKind.RoutePinned;

    private void WritePending()
    {
        if (Volatile.Read(ref _pending) == 0)
        {
            return;
        }
        try
        {
            PersistNow();
        }
#pragma warning disable CA1031 // A timer thread must not die: the state file is a convenience, never worth the process.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            CloudLog.StateWriteFailed(_logger, File.Path, ex.Message);
        }
    }

    public void Dispose()
    {
        _upstreams.Events.Raised -= OnHealthEvent;
        Interlocked.Exchange(ref _timer, null)?.Dispose();
        // A change still waiting for its timer is written now rather than lost.
        WritePending();
    }
}
