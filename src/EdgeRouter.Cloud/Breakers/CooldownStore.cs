using EdgeRouter.Cloud.Config;

namespace EdgeRouter.Cloud.Breakers;

/// <summary>
/// Cooldowns per failure domain. A cooldown only ever extends to the later deadline: a <c>Retry-After: 1</c> arriving
/// during a 60 s rest changes nothing, a longer one extends it (LiteLLM #40130 is the bug this prevents). A throttle
/// rests at least <see cref="CooldownConfig.Throttle"/> and the upstream's Retry-After, at most
/// <see cref="CooldownConfig.MaxThrottle"/>; a rejected credential rests <see cref="CooldownConfig.CredentialDisable"/>.
/// </summary>
public sealed class CooldownStore
{
    private readonly CooldownConfig _config;
    private readonly TimeProvider _time;
    private readonly HealthEvents? _events;
    private readonly Lock _sync = new();
    private readonly Dictionary<string, Cooldown> _domains = new(StringComparer.Ordinal);

    public CooldownStore(CooldownConfig config, TimeProvider time, HealthEvents? events = null)
    {
        _config = config;
        _time = time;
        _events = events;
    }

    /// <summary>The throttle rest a hint asks for, after the minimum and the cap.</summary>
    public TimeSpan ThrottleDuration(TimeSpan? retryAfter)
    {
        var wanted = retryAfter is { } hint && hint > _config.Throttle ? hint : _config.Throttle;
        return wanted > _config.MaxThrottle ? _config.MaxThrottle : wanted;
    }

    /// <summary>Starts or extends the domain's cooldown; returns the cooldown now in force (possibly the older, longer one).</summary>
    public Cooldown Impose(string domain, CooldownKind kind, TimeSpan? retryAfter, string reason)
    {
        var duration = kind == CooldownKind.CredentialDisabled ? _config.CredentialDisable : ThrottleDuration(retryAfter);
        var nowTimestamp = _time.GetTimestamp();
        var untilTimestamp = nowTimestamp + ToTimestampTicks(duration);
        Cooldown result;
        bool extended;
        lock (_sync)
        {
            if (_domains.TryGetValue(domain, out var current) && current.UntilTimestamp >= untilTimestamp)
            {
                result = current;
                extended = false;
            }
            else
            {
                result = new Cooldown(domain, kind, _time.GetUtcNow() + duration, reason) { UntilTimestamp = untilTimestamp };
                _domains[domain] = result;
                extended = true;
            }
        }
        if (extended)
        {
            Publish(result);
        }
        return result;
    }

    /// <summary>
    /// Brings back a cooldown saved before a restart: the wall-clock <paramref name="until"/> becomes a monotonic
    /// deadline, never longer than the config allows for the kind (a wrong clock after boot or an edited file cannot
    /// rest a domain for ever). Keeps the later deadline, like <see cref="Impose"/>, and publishes the same event.
    /// Returns the cooldown now in force, or null when <paramref name="until"/> has passed.
    /// </summary>
    public Cooldown? Restore(string domain, CooldownKind kind, DateTimeOffset until, string reason)
    {
        var now = _time.GetUtcNow();
        var longest = kind == CooldownKind.CredentialDisabled ? _config.CredentialDisable : _config.MaxThrottle;
        var remaining = until - now;
        if (remaining <= TimeSpan.Zero)
        {
            return null;
        }
        if (remaining > longest)
        {
            (remaining, until) = (longest, now + longest);
        }
        var untilTimestamp = _time.GetTimestamp() + ToTimestampTicks(remaining);
        Cooldown result;
        lock (_sync)
        {
            if (_domains.TryGetValue(domain, out var current) && current.UntilTimestamp >= untilTimestamp)
            {
                return current;
            }
            result = new Cooldown(domain, kind, until, reason) { UntilTimestamp = untilTimestamp };
            _domains[domain] = result;
        }
        Publish(result);
        return result;
    }

    /// <summary>The domain's cooldown if it has not ended yet.</summary>
    public Cooldown? Active(string domain)
    {
        var now = _time.GetTimestamp();
        lock (_sync)
        {
            if (!_domains.TryGetValue(domain, out var cooldown))
            {
                return null;
            }
            if (cooldown.UntilTimestamp > now)
            {
                return cooldown;
            }
            _domains.Remove(domain);
            return null;
        }
    }

    /// <summary>Time left on the domain's cooldown, or zero.</summary>
    public TimeSpan Remaining(string domain) =>
        Active(domain) is { } cooldown ? TimeRemaining(cooldown) : TimeSpan.Zero;

    public TimeSpan TimeRemaining(Cooldown cooldown)
    {
        var ticks = cooldown.UntilTimestamp - _time.GetTimestamp();
        return ticks <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(ticks / (double)_time.TimestampFrequency);
    }

    /// <summary>Ends a domain's rest early, e.g. after an operator replaced a key.</summary>
    public void Clear(string domain)
    {
        lock (_sync)
        {
            _domains.Remove(domain);
        }
    }

    public IReadOnlyList<Cooldown> Snapshot()
    {
        var now = _time.GetTimestamp();
        lock (_sync)
        {
            return _domains.Values.Where(c => c.UntilTimestamp > now).ToList();
        }
    }

    private void Publish(Cooldown cooldown) => _events?.Publish(new HealthEvent(
        cooldown.Kind == CooldownKind.CredentialDisabled ? HealthEventKind.CredentialDisabled : HealthEventKind.Cooldown,
        cooldown.Domain, cooldown.Until, cooldown.Reason));

    private long ToTimestampTicks(TimeSpan duration) => (long)(duration.TotalSeconds * _time.TimestampFrequency);
}
