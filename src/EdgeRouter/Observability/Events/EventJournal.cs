namespace EdgeRouter.Host.Observability.Events;

/// <summary>The last <see cref="Capacity"/> events in memory, for /status and the status page. Thread-safe.</summary>
public sealed class EventJournal
{
    public const int DefaultCapacity = 50;

    private readonly Lock _sync = new();
    private readonly Queue<RouterEvent> _events = new();

    public EventJournal(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public void Add(RouterEvent routerEvent)
    {
        lock (_sync)
        {
            if (_events.Count == Capacity)
            {
                _events.Dequeue();
            }
            _events.Enqueue(routerEvent);
        }
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<RouterEvent> Recent()
    {
        lock (_sync)
        {
            return _events.Reverse().ToList();
        }
    }
}
