using EdgeRouter.Host.Observability.Events;

namespace EdgeRouter.Host.Observability.Alerts;

/// <summary>
/// One alert per (kind, subject) per window on the router's clock. The first event of a window is sent and carries
/// the number of its key's events suppressed since the last alert; the rest of the window only counts.
/// </summary>
internal sealed class AlertDeduplicator
{
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly Lock _sync = new();
    private readonly Dictionary<(RouterEventKind, string), KeyWindow> _keys = [];

    public AlertDeduplicator(TimeSpan window, TimeProvider time)
    {
        _window = window;
        _time = time;
    }

    /// <summary>Null when the event is suppressed; otherwise how many similar events were suppressed before it.</summary>
    public int? Admit(RouterEvent routerEvent)
    {
        var key = (routerEvent.Kind, routerEvent.Subject);
        var now = _time.GetTimestamp();
        lock (_sync)
        {
            if (_keys.TryGetValue(key, out var open) && _time.GetElapsedTime(open.Started, now) < _window)
            {
                open.Suppressed++;
                return null;
            }
            _keys[key] = new KeyWindow { Started = now };
            return open?.Suppressed ?? 0;
        }
    }

    private sealed class KeyWindow
    {
        public long Started { get; init; }
        public int Suppressed { get; set; }
    }
}
