using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Config;

namespace EdgeRouter.Cloud.Limits;

/// <summary>
/// The slow start of one failure domain (one key or account), shared by every upstream on it. Cold (at start, after
/// <see cref="SlowStartConfig.Idle"/> with nothing in flight, after a cooldown or credential disable) it lets at most
/// <see cref="SlowStartConfig.MaxInFlight"/> sends out until one is answered well; warm it adds no limit of its own.
/// Why: the upstream limits are per upstream and assume the provider's budget is there; after a quiet spell nobody
/// knows that, and a burst of 8 that all hit a 429 spends 8 requests of a limit that one would have revealed.
/// </summary>
public sealed class SlowStart
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private readonly SlowStartConfig _config;
    private readonly TimeProvider _time;
    private readonly Lock _sync = new();
    private bool _warm;
    private int _epoch;
    private int _starting;
    private int _active;
    private long _lastActivity;

    public SlowStart(string domain, SlowStartConfig config, TimeProvider time)
    {
        Domain = domain;
        _config = config;
        _time = time;
        _lastActivity = time.GetTimestamp();
    }

    public string Domain { get; }

    /// <summary>Whether the domain is cold now (a send would count against <see cref="SlowStartConfig.MaxInFlight"/>).</summary>
    public bool IsCold
    {
        get
        {
            lock (_sync)
            {
                return !Warm_NeedsLock();
            }
        }
    }

    /// <summary>Null when a send may go out now; otherwise the refusal the caller turns into a skip.</summary>
    public LimitRefusal? Peek()
    {
        lock (_sync)
        {
            return Full_NeedsLock() ? new LimitRefusal(LimitKind.SlowStart, RetryAfter) : null;
        }
    }

    /// <summary>Counts one send; null when the domain is cold and its first answers are still out.</summary>
    public SlowStartTicket? TryEnter()
    {
        lock (_sync)
        {
            if (Full_NeedsLock())
            {
                return null;
            }
            var cold = !_warm;
            if (cold)
            {
                _starting++;
            }
            _active++;
            _lastActivity = _time.GetTimestamp();
            return new SlowStartTicket(this, cold, _epoch);
        }
    }

    /// <summary>A cooldown or disable on this domain: whatever comes after it starts slowly again.</summary>
    public void Cool()
    {
        lock (_sync)
        {
            _warm = false;
            _epoch++;
        }
    }

    /// <param name="epoch">The cooling epoch the send entered in: a good answer to a send from before the last cooldown proves nothing about after it.</param>
    internal void Answered(bool counted, bool good, int epoch)
    {
        lock (_sync)
        {
            if (counted)
            {
                _starting--;
            }
            if (good && epoch == _epoch)
            {
                _warm = true;
            }
            _lastActivity = _time.GetTimestamp();
        }
    }

    internal void Left()
    {
        lock (_sync)
        {
            _active--;
            _lastActivity = _time.GetTimestamp();
        }
    }

    private bool Full_NeedsLock() => _config.MaxInFlight > 0 && !Warm_NeedsLock() && _starting >= _config.MaxInFlight;

    private bool Warm_NeedsLock()
    {
        if (_config.MaxInFlight <= 0)
        {
            return true;
        }
        if (_warm && _active == 0 && _time.GetElapsedTime(_lastActivity) >= _config.Idle)
        {
            // Quiet for a whole idle spell: the provider's budget is unknown again.
            _warm = false;
        }
        return _warm;
    }
}

/// <summary>
/// One send's place in its domain's slow start: <see cref="Answered"/> when its first answer arrives (a committed
/// stream or a failure status), <see cref="Dispose"/> when the send is over.
/// </summary>
public sealed class SlowStartTicket : IDisposable
{
    private readonly SlowStart _owner;
    private readonly int _epoch;
    private bool _counted;
    private int _answered;
    private int _disposed;

    internal SlowStartTicket(SlowStart owner, bool counted, int epoch)
    {
        _owner = owner;
        _counted = counted;
        _epoch = epoch;
    }

    /// <param name="good">Only a good answer warms the domain; a 429 or an outage leaves it cold.</param>
    public void Answered(bool good)
    {
        if (Interlocked.Exchange(ref _answered, 1) == 0)
        {
            _owner.Answered(_counted, good, _epoch);
            _counted = false;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // Ended without an answer (cancelled, connect failure): frees its place, warms nothing.
            Answered(good: false);
            _owner.Left();
        }
    }
}

/// <summary>The slow starts of every failure domain, kept cold by the domains' cooldown and disable events.</summary>
public sealed class SlowStarts : IDisposable
{
    private readonly SlowStartConfig _config;
    private readonly TimeProvider _time;
    private readonly HealthEvents _events;
    private readonly Dictionary<string, SlowStart> _domains = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();

    public SlowStarts(SlowStartConfig config, TimeProvider time, HealthEvents events)
    {
        _config = config;
        _time = time;
        _events = events;
        _events.Raised += OnHealthEvent;
    }

    /// <summary>The one slow start of <paramref name="domain"/> (Ordinal, as the cooldown store keys domains).</summary>
    public SlowStart For(string domain)
    {
        lock (_sync)
        {
            if (!_domains.TryGetValue(domain, out var slowStart))
            {
                slowStart = new SlowStart(domain, _config, _time);
                _domains[domain] = slowStart;
            }
            return slowStart;
        }
    }

    private void OnHealthEvent(HealthEvent e)
    {
        if (e.Kind is not (HealthEventKind.Cooldown or HealthEventKind.CredentialDisabled))
        {
            return;
        }
        SlowStart? slowStart;
        lock (_sync)
        {
            _domains.TryGetValue(e.Subject, out slowStart);
        }
        slowStart?.Cool();
    }

    public void Dispose() => _events.Raised -= OnHealthEvent;
}
