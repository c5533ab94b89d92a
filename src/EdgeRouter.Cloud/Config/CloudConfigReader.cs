using System.Text.Json;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Cloud.Config;

/// <summary>The config, or every reason it could not be built.</summary>
public sealed record CloudConfigReadResult(CloudConfig? Config, IReadOnlyList<ConfigError> Errors)
{
    public bool Succeeded => Config is not null && Errors.Count == 0;
}

/// <summary>
/// Turns the JSON "cloud" section into a <see cref="CloudConfig"/> (source-generated, no reflection). Shape errors are
/// reported with their JSON path; semantic checks (cycles, unknown names, credentials) are
/// <see cref="CloudConfigValidator"/>'s job.
/// </summary>
public static class CloudConfigReader
{
    public static CloudConfigReadResult Read(ReadOnlySpan<byte> utf8Json, string pathPrefix = "")
    {
        CloudSection? section;
        try
        {
            section = JsonSerializer.Deserialize(utf8Json, CloudConfigJsonContext.Default.CloudSection);
        }
        catch (JsonException ex)
        {
            return Failed(pathPrefix, ex);
        }
        return FromSection(section, pathPrefix);
    }

    public static CloudConfigReadResult Read(JsonElement element, string pathPrefix = "")
    {
        CloudSection? section;
        try
        {
            section = element.Deserialize(CloudConfigJsonContext.Default.CloudSection);
        }
        catch (JsonException ex)
        {
            return Failed(pathPrefix, ex);
        }
        return FromSection(section, pathPrefix);
    }

    private static CloudConfigReadResult Failed(string pathPrefix, JsonException ex)
    {
        var path = ex.Path is { Length: > 1 } p ? p.TrimStart('$').TrimStart('.') : "";
        return new CloudConfigReadResult(null, [new ConfigError(pathPrefix + path, FirstSentence(ex.Message))]);
    }

    private static CloudConfigReadResult FromSection(CloudSection? section, string prefix)
    {
        if (section is null)
        {
            return new CloudConfigReadResult(CloudConfig.Empty, []);
        }
        var errors = new List<ConfigError>();
        var upstreams = new List<UpstreamConfig>();
        foreach (var (name, u) in section.Upstreams ?? [])
        {
            var path = $"{prefix}upstreams.{name}";
            if (u.BaseUrl is null || !Uri.TryCreate(EnsureTrailingSlash(u.BaseUrl), UriKind.Absolute, out var baseUrl))
            {
                errors.Add(new ConfigError($"{path}.baseUrl", u.BaseUrl is null ? "is required" : $"'{u.BaseUrl}' is not an absolute URL"));
                continue;
            }
            if (u.Model is null)
            {
                errors.Add(new ConfigError($"{path}.model", "is required"));
            }
            if (u.Credential is null)
            {
                errors.Add(new ConfigError($"{path}.credential", "is required (env:NAME, file:/path, systemd:NAME or none)"));
            }
            var defaults = new UpstreamConfig { Name = name, BaseUrl = baseUrl, Model = "", Credential = "" };
            upstreams.Add(defaults with
            {
                Model = u.Model ?? "",
                Api = u.Api is null ? defaults.Api : ParseApi(u.Api, $"{path}.api", errors),
                Credential = u.Credential ?? "",
                FailureDomain = u.FailureDomain,
                ContextWindow = u.ContextWindow ?? defaults.ContextWindow,
                Paid = u.Paid ?? defaults.Paid,
                UseProxy = u.UseProxy ?? defaults.UseProxy,
                Probe = u.Probe is null ? null : ParseProbe(u.Probe, $"{path}.probe", errors),
                Timeouts = new UpstreamTimeouts
                {
                    Connect = Seconds(u.Timeouts?.ConnectSeconds, defaults.Timeouts.Connect),
                    FirstToken = Seconds(u.Timeouts?.FirstTokenSeconds, defaults.Timeouts.FirstToken),
                    Idle = Seconds(u.Timeouts?.IdleSeconds, defaults.Timeouts.Idle),
                    Total = Seconds(u.Timeouts?.TotalSeconds, defaults.Timeouts.Total),
                },
                Limits = new UpstreamLimits
                {
                    RequestsPerMinute = u.Limits?.RequestsPerMinute,
                    RequestBurst = u.Limits?.RequestBurst,
                    TokensPerMinute = u.Limits?.TokensPerMinute,
                    MaxConcurrency = u.Limits?.MaxConcurrency ?? defaults.Limits.MaxConcurrency,
                },
            });
        }

        var routes = new List<RouteConfig>();
        foreach (var (name, r) in section.Routes ?? [])
        {
            var path = $"{prefix}routes.{name}";
            var policy = ContextOverflowPolicy.Reject;
            switch (r.OnContextOverflow?.ToLowerInvariant())
            {
                case null or "reject":
                    break;
                case "truncate" or "truncate-oldest" or "truncateoldest":
                    policy = ContextOverflowPolicy.TruncateOldest;
                    break;
                default:
                    errors.Add(new ConfigError($"{path}.onContextOverflow", $"'{r.OnContextOverflow}' is not 'reject' or 'truncate'"));
                    break;
            }
            if (r.Chain is null)
            {
                errors.Add(new ConfigError($"{path}.chain", "is required"));
            }
            routes.Add(new RouteConfig
            {
                Name = name,
                Chain = r.Chain ?? [],
                Aliases = r.Aliases ?? [],
                OnContextOverflow = policy,
                AllowBackground = r.AllowBackground ?? false,
                FallbackOnContentPolicy = r.FallbackOnContentPolicy ?? false,
            });
        }

        var d = CloudConfig.Empty;
        var config = new CloudConfig
        {
            Upstreams = upstreams,
            Routes = routes,
            Cooldowns = new CooldownConfig
            {
                Throttle = Seconds(section.Cooldowns?.ThrottleSeconds, d.Cooldowns.Throttle),
                MaxThrottle = Seconds(section.Cooldowns?.MaxThrottleSeconds, d.Cooldowns.MaxThrottle),
                CredentialDisable = Seconds(section.Cooldowns?.CredentialDisableSeconds, d.Cooldowns.CredentialDisable),
            },
            Breaker = new BreakerConfig
            {
                FailureRatio = section.Breaker?.FailureRatio ?? d.Breaker.FailureRatio,
                MinimumThroughput = section.Breaker?.MinimumThroughput ?? d.Breaker.MinimumThroughput,
                SamplingDuration = Seconds(section.Breaker?.SamplingSeconds, d.Breaker.SamplingDuration),
                BreakDuration = Seconds(section.Breaker?.BreakSeconds, d.Breaker.BreakDuration),
            },
            RetryBudget = new RetryBudgetConfig
            {
                Ratio = section.RetryBudget?.Ratio ?? d.RetryBudget.Ratio,
                Window = Seconds(section.RetryBudget?.WindowSeconds, d.RetryBudget.Window),
                MinRetries = section.RetryBudget?.MinRetries ?? d.RetryBudget.MinRetries,
            },
            Backoff = new BackoffConfig
            {
                Base = Milliseconds(section.Backoff?.BaseMilliseconds, d.Backoff.Base),
                Max = Milliseconds(section.Backoff?.MaxMilliseconds, d.Backoff.Max),
            },
            Failback = ReadFailback(section.Failback, $"{prefix}failback", errors),
            SlowStart = ReadSlowStart(section.SlowStart),
            RequestDeadline = Seconds(section.RequestDeadlineSeconds, d.RequestDeadline),
            AssumedCompletionTokens = section.AssumedCompletionTokens ?? d.AssumedCompletionTokens,
        };
        return new CloudConfigReadResult(errors.Count == 0 ? config : null, errors);
    }

    private static FailbackConfig ReadFailback(FailbackSection? f, string path, List<ConfigError> errors)
    {
        var d = new FailbackConfig();
        if (f is null)
        {
            return d;
        }
        return new FailbackConfig
        {
            SuccessesToRecover = f.SuccessesToRecover ?? d.SuccessesToRecover,
            Probe = f.Probe is null ? d.Probe : ParseProbe(f.Probe, $"{path}.probe", errors),
            ProbeMaxTokens = f.ProbeMaxTokens ?? d.ProbeMaxTokens,
            ProbeTimeout = Seconds(f.ProbeTimeoutSeconds, d.ProbeTimeout),
            ProbeInterval = Seconds(f.ProbeIntervalSeconds, d.ProbeInterval),
            MaxProbeInterval = Seconds(f.MaxProbeIntervalSeconds, d.MaxProbeInterval),
            FlapWindow = Seconds(f.FlapWindowSeconds, d.FlapWindow),
            FlapMaxTransitions = f.FlapMaxTransitions ?? d.FlapMaxTransitions,
            FlapHold = Seconds(f.FlapHoldSeconds, d.FlapHold),
            MaxFlapHold = Seconds(f.MaxFlapHoldSeconds, d.MaxFlapHold),
        };
    }

    private static SlowStartConfig ReadSlowStart(SlowStartSection? s)
    {
        var d = new SlowStartConfig();
        return s is null ? d : new SlowStartConfig { MaxInFlight = s.MaxInFlight ?? d.MaxInFlight, Idle = Seconds(s.IdleSeconds, d.Idle) };
    }

    private static ProbeKind ParseProbe(string value, string path, List<ConfigError> errors)
    {
        switch (value.ToLowerInvariant())
        {
            case "models":
                return ProbeKind.Models;
            case "request":
                return ProbeKind.Request;
            default:
                errors.Add(new ConfigError(path, $"'{value}' is not 'models' or 'request'"));
                return ProbeKind.Models;
        }
    }

    private static UpstreamApi ParseApi(string value, string path, List<ConfigError> errors)
    {
        switch (value.ToLowerInvariant())
        {
            case "chat":
                return UpstreamApi.Chat;
            case "embeddings":
                return UpstreamApi.Embeddings;
            default:
                errors.Add(new ConfigError(path, $"'{value}' is not 'chat' or 'embeddings'"));
                return UpstreamApi.Chat;
        }
    }

    private static string EnsureTrailingSlash(string url) => url.EndsWith('/') ? url : url + "/";

    private static TimeSpan Seconds(double? value, TimeSpan fallback) =>
        value is { } s ? (double.IsFinite(s) && Math.Abs(s) < 1e9 ? TimeSpan.FromSeconds(s) : TimeSpan.MinValue) : fallback;

    private static TimeSpan Milliseconds(double? value, TimeSpan fallback) =>
        value is { } ms ? (double.IsFinite(ms) && Math.Abs(ms) < 1e12 ? TimeSpan.FromMilliseconds(ms) : TimeSpan.MinValue) : fallback;

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
