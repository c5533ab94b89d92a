using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Observability.Events;

/// <summary>
/// Where every transition goes: stamped on the router's clock, logged with its kind's event id, kept in the
/// <see cref="EventJournal"/> (probes excepted: they would push real transitions out), and handed to subscribers
/// such as the alert sink. Publishing is synchronous and cheap; subscribers must not block.
/// </summary>
public sealed class RouterEvents
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public RouterEvents(TimeProvider time, ILogger<RouterEvents> logger, EventJournal? journal = null)
    {
        _time = time;
        _logger = logger;
        Journal = journal ?? new EventJournal();
    }

    public EventJournal Journal { get; }

    public event Action<RouterEvent>? Published;

    public RouterEvent Publish(RouterEventKind kind, string subject, EventSeverity severity, string reason,
        string? eventClass = null, DateTimeOffset? until = null)
    {
        var routerEvent = new RouterEvent(kind, subject, severity, eventClass, until, reason, _time.GetUtcNow());
        EventLog.Write(_logger, routerEvent);
        if (severity > EventSeverity.Debug)
        {
            Journal.Add(routerEvent);
        }
        Published?.Invoke(routerEvent);
        return routerEvent;
    }
}
