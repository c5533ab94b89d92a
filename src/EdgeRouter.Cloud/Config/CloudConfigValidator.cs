using EdgeRouter.Cloud.Credentials;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Cloud.Config;

/// <summary>
/// Checks a <see cref="CloudConfig"/> before anything starts: every problem is reported (not just the first), each
/// located by its JSON path. The router refuses to start while any remain, so a chain cycle, a typo in a chain or a
/// missing key is found at boot, not at 3 a.m. under load.
/// </summary>
public static class CloudConfigValidator
{
    /// <param name="pathPrefix">Prepended to every path, e.g. <c>cloud.</c> when the section is nested.</param>
    public static IReadOnlyList<ConfigError> Validate(CloudConfig config, ICredentialResolver credentials, string pathPrefix = "")
    {
        var errors = new List<ConfigError>();
        void Error(string path, string message) => errors.Add(new ConfigError(pathPrefix + path, message));

        var upstreams = new Dictionary<string, UpstreamConfig>(StringComparer.OrdinalIgnoreCase);
        foreach (var upstream in config.Upstreams)
        {
            var path = $"upstreams.{upstream.Name}";
            if (!IsValidName(upstream.Name))
            {
                Error(path, $"'{upstream.Name}' is not a valid name (1-{CloudDefaults.MaxNameLength} letters, digits, '-', '_', '.', ':')");
            }
            else if (string.Equals(upstream.Name, RouteNames.Local, StringComparison.OrdinalIgnoreCase))
            {
                Error(path, "'local' is the in-process tier; pick another name");
            }
            else if (!upstreams.TryAdd(upstream.Name, upstream))
            {
                Error(path, "defined twice");
            }
            ValidateUpstream(upstream, path, credentials, Error);
        }

        var routes = new Dictionary<string, RouteConfig>(StringComparer.OrdinalIgnoreCase);
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var route in config.Routes)
        {
            var path = $"routes.{route.Name}";
            if (!IsValidName(route.Name))
            {
                Error(path, $"'{route.Name}' is not a valid name");
                continue;
            }
            if (upstreams.ContainsKey(route.Name))
            {
                Error(path, $"'{route.Name}' is also an upstream's name; a chain entry would be ambiguous");
            }
            if (!routes.TryAdd(route.Name, route) || !names.TryAdd(route.Name, path))
            {
                Error(path, names.TryGetValue(route.Name, out var first) && first != path ? $"name already used by {first}" : "defined twice");
            }
            for (var i = 0; i < route.Aliases.Count; i++)
            {
                var alias = route.Aliases[i];
                var aliasPath = $"{path}.aliases[{i}]";
                if (!IsValidName(alias))
                {
                    Error(aliasPath, $"'{alias}' is not a valid name");
                }
                else if (upstreams.ContainsKey(alias))
                {
                    Error(aliasPath, $"'{alias}' is already an upstream's name");
                }
                else if (!names.TryAdd(alias, aliasPath))
                {
                    Error(aliasPath, $"'{alias}' is already used by {names[alias]}");
                }
            }
        }

        foreach (var route in config.Routes)
        {
            ValidateChain(route, upstreams, routes, Error);
        }
        ReportCycles(config.Routes, routes, Error);
        ValidatePolicy(config, Error);
        return errors;
    }

    private static void ValidateUpstream(UpstreamConfig upstream, string path, ICredentialResolver credentials, Action<string, string> error)
    {
        var url = upstream.BaseUrl;
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            error($"{path}.baseUrl", "must be an absolute http:// or https:// URL");
        }
        else if (url.UserInfo.Length > 0 || url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            error($"{path}.baseUrl", "must not carry user info, a query or a fragment (keys belong in 'credential')");
        }
        if (string.IsNullOrWhiteSpace(upstream.Model))
        {
            error($"{path}.model", "is required (the model id sent upstream)");
        }
        if (!CredentialReference.TryParse(upstream.Credential, out var reference, out var problem))
        {
            error($"{path}.credential", problem);
        }
        else if (credentials.Resolve(reference) is { IsResolved: false } result)
        {
            error($"{path}.credential", $"{reference} cannot be resolved: {result.Problem}");
        }
        if (upstream.FailureDomain is { } domain && string.IsNullOrWhiteSpace(domain))
        {
            error($"{path}.failureDomain", "must not be blank");
        }
        if (upstream.ContextWindow is < CloudDefaults.MinContextWindow or > CloudDefaults.MaxContextWindow)
        {
            error($"{path}.contextWindow", $"must be from {CloudDefaults.MinContextWindow} to {CloudDefaults.MaxContextWindow}");
        }

        var t = upstream.Timeouts;
        Positive(t.Connect, $"{path}.timeouts.connectSeconds", error);
        Positive(t.FirstToken, $"{path}.timeouts.firstTokenSeconds", error);
        Positive(t.Idle, $"{path}.timeouts.idleSeconds", error);
        Positive(t.Total, $"{path}.timeouts.totalSeconds", error);
        if (t.FirstToken > t.Total)
        {
            error($"{path}.timeouts.firstTokenSeconds", "must not exceed totalSeconds");
        }

        var l = upstream.Limits;
        if (l.RequestsPerMinute is < 1)
        {
            error($"{path}.limits.requestsPerMinute", "must be at least 1 (omit it for no limit)");
        }
        if (l.RequestBurst is < 1)
        {
            error($"{path}.limits.requestBurst", "must be at least 1");
        }
        if (l.RequestBurst is not null && l.RequestsPerMinute is null)
        {
            error($"{path}.limits.requestBurst", "needs requestsPerMinute");
        }
        if (l.TokensPerMinute is < 1)
        {
            error($"{path}.limits.tokensPerMinute", "must be at least 1 (omit it for no limit)");
        }
        if (l.MaxConcurrency < 1)
        {
            error($"{path}.limits.maxConcurrency", "must be at least 1");
        }
    }

    private static void ValidateChain(RouteConfig route, Dictionary<string, UpstreamConfig> upstreams,
        Dictionary<string, RouteConfig> routes, Action<string, string> error)
    {
        var path = $"routes.{route.Name}.chain";
        if (route.Chain.Count == 0)
        {
            error(path, "must name at least one tier");
            return;
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var apis = route.Chain.Where(upstreams.ContainsKey).Select(e => upstreams[e].Api).Distinct().ToList();
        if (apis.Count > 1)
        {
            // One request cannot be both: a chat request never reaches an embedding model, nor the other way round.
            error(path, "mixes chat and embedding upstreams; a route serves one kind ('api' of each upstream)");
        }
        for (var i = 0; i < route.Chain.Count; i++)
        {
            var entry = route.Chain[i];
            var entryPath = $"{path}[{i}]";
            if (!seen.Add(entry))
            {
                error(entryPath, $"'{entry}' appears twice; each tier is tried at most once");
                continue;
            }
            var known = string.Equals(entry, RouteNames.Local, StringComparison.OrdinalIgnoreCase)
                || upstreams.ContainsKey(entry)
                || routes.ContainsKey(entry);
            if (!known)
            {
                error(entryPath, $"unknown upstream '{entry}' (not 'local', a configured upstream or a route)");
            }
        }
    }

    /// <summary>Depth-first over route-to-route references; reports the entry that closes each cycle.</summary>
    private static void ReportCycles(IReadOnlyList<RouteConfig> ordered, Dictionary<string, RouteConfig> routes, Action<string, string> error)
    {
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stack = new List<string>();

        void Visit(RouteConfig route)
        {
            stack.Add(route.Name);
            for (var i = 0; i < route.Chain.Count; i++)
            {
                if (!routes.TryGetValue(route.Chain[i], out var next) || done.Contains(next.Name))
                {
                    continue;
                }
                var at = stack.FindIndex(n => string.Equals(n, next.Name, StringComparison.OrdinalIgnoreCase));
                if (at >= 0)
                {
                    var cycle = string.Join(" -> ", stack.Skip(at).Append(next.Name));
                    error($"routes.{route.Name}.chain[{i}]", $"'{route.Chain[i]}' makes a cycle: {cycle}");
                    continue;
                }
                Visit(next);
            }
            stack.RemoveAt(stack.Count - 1);
            done.Add(route.Name);
        }

        foreach (var route in ordered)
        {
            if (!done.Contains(route.Name) && routes.TryGetValue(route.Name, out var canonical) && ReferenceEquals(canonical, route))
            {
                Visit(route);
            }
        }
    }

    private static void ValidatePolicy(CloudConfig config, Action<string, string> error)
    {
        var c = config.Cooldowns;
        Positive(c.Throttle, "cooldowns.throttleSeconds", error);
        Positive(c.CredentialDisable, "cooldowns.credentialDisableSeconds", error);
        if (c.MaxThrottle < c.Throttle)
        {
            error("cooldowns.maxThrottleSeconds", "must be at least throttleSeconds");
        }

        var b = config.Breaker;
        if (b.FailureRatio is <= 0 or > 1 || double.IsNaN(b.FailureRatio))
        {
            error("breaker.failureRatio", "must be in (0, 1]");
        }
        if (b.MinimumThroughput < 2)
        {
            error("breaker.minimumThroughput", "must be at least 2");
        }
        if (b.SamplingDuration < TimeSpan.FromMilliseconds(500))
        {
            error("breaker.samplingSeconds", "must be at least 0.5");
        }
        if (b.BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            error("breaker.breakSeconds", "must be at least 0.5");
        }

        var r = config.RetryBudget;
        if (r.Ratio is < 0 or > 1 || double.IsNaN(r.Ratio))
        {
            error("retryBudget.ratio", "must be in [0, 1]");
        }
        if (r.Window < TimeSpan.FromSeconds(1))
        {
            error("retryBudget.windowSeconds", "must be at least 1");
        }
        if (r.MinRetries < 0)
        {
            error("retryBudget.minRetries", "must be at least 0");
        }

        if (config.Backoff.Base < TimeSpan.Zero)
        {
            error("backoff.baseMilliseconds", "must be at least 0");
        }
        if (config.Backoff.Max < config.Backoff.Base)
        {
            error("backoff.maxMilliseconds", "must be at least baseMilliseconds");
        }
        ValidateFailback(config.Failback, error);
        if (config.SlowStart.MaxInFlight is < 0 or > CloudDefaults.MaxSlowStartInFlight)
        {
            error("slowStart.maxInFlight", $"must be from 0 (off) to {CloudDefaults.MaxSlowStartInFlight}");
        }
        if (config.SlowStart.Idle < TimeSpan.FromSeconds(1))
        {
            error("slowStart.idleSeconds", "must be at least 1");
        }
        Positive(config.RequestDeadline, "requestDeadlineSeconds", error);
        if (config.AssumedCompletionTokens < 1)
        {
            error("assumedCompletionTokens", "must be at least 1");
        }
    }

    private static void ValidateFailback(FailbackConfig f, Action<string, string> error)
    {
        if (f.SuccessesToRecover is < 1 or > CloudDefaults.MaxSuccessesToRecover)
        {
            error("failback.successesToRecover", $"must be from 1 to {CloudDefaults.MaxSuccessesToRecover}");
        }
        if (f.ProbeMaxTokens is < 1 or > CloudDefaults.MaxProbeTokens)
        {
            error("failback.probeMaxTokens", $"must be from 1 to {CloudDefaults.MaxProbeTokens}");
        }
        Positive(f.ProbeTimeout, "failback.probeTimeoutSeconds", error);
        if (f.ProbeInterval < TimeSpan.FromSeconds(1))
        {
            error("failback.probeIntervalSeconds", "must be at least 1");
        }
        if (f.MaxProbeInterval < f.ProbeInterval)
        {
            error("failback.maxProbeIntervalSeconds", "must be at least probeIntervalSeconds");
        }
        if (f.FlapWindow < TimeSpan.FromSeconds(1))
        {
            error("failback.flapWindowSeconds", "must be at least 1");
        }
        if (f.FlapMaxTransitions < 2)
        {
            error("failback.flapMaxTransitions", "must be at least 2 (one down and one up are not a flap)");
        }
        Positive(f.FlapHold, "failback.flapHoldSeconds", error);
        if (f.MaxFlapHold < f.FlapHold)
        {
            error("failback.maxFlapHoldSeconds", "must be at least flapHoldSeconds");
        }
    }

    private static void Positive(TimeSpan value, string path, Action<string, string> error)
    {
        if (value <= TimeSpan.Zero)
        {
            error(path, "must be greater than 0");
        }
    }

    internal static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > CloudDefaults.MaxNameLength)
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or ':'))
            {
                return false;
            }
        }
        return true;
    }
}
