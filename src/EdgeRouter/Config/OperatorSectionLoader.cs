using System.Globalization;
using EdgeRouter.Cloud.Credentials;
using EdgeRouter.Host.Api.Admin;
using EdgeRouter.Host.Observability.Alerts;
using EdgeRouter.Host.Observability.Events;
using EdgeRouter.Host.Security;

namespace EdgeRouter.Host.Config;

/// <summary>Checks the "alerts" and "admin" sections; each error names the file and the key.</summary>
internal static class OperatorSectionLoader
{
    public const string AlertsSectionName = "alerts";
    public const string AdminSectionName = "admin";

    public const double MaxDedupWindowSeconds = 86_400;
    public const int MaxAlertQueueLength = 10_000;
    public const double MinAlertTimeoutSeconds = 0.1;
    public const double MaxAlertTimeoutSeconds = 300;

    /// <param name="resolver">Resolves a credential-reference URL now, so an unresolvable one fails at boot, not at the first alert.</param>
    public static AlertsConfig LoadAlerts(AlertsSection? section, string file, ICredentialResolver resolver)
    {
        if (section is null)
        {
            return AlertsConfig.Off;
        }
        var config = AlertsConfig.Off;
        if (section.Url is { } text)
        {
            if (!AlertUrl.TryParse(text, out var url, out var problem))
            {
                throw Invalid(file, "alerts.url", problem);
            }
            if (url!.Resolve(resolver, out problem) is null)
            {
                throw Invalid(file, "alerts.url", $"{url}: {problem}");
            }
            config = config with { Url = url };
        }
        if (section.DedupWindowSeconds is { } dedup)
        {
            config = config with { DedupWindow = Seconds(dedup, 0, MaxDedupWindowSeconds, file, "alerts.dedupWindowSeconds") };
        }
        if (section.QueueLength is { } length)
        {
            config = length is >= 1 and <= MaxAlertQueueLength
                ? config with { QueueLength = length }
                : throw Invalid(file, "alerts.queueLength", $"is {length}; it must be from 1 to {MaxAlertQueueLength}");
        }
        if (section.TimeoutSeconds is { } timeout)
        {
            config = config with { Timeout = Seconds(timeout, MinAlertTimeoutSeconds, MaxAlertTimeoutSeconds, file, "alerts.timeoutSeconds") };
        }
        if (section.MinimumSeverity is { } severity)
        {
            config = config with { MinimumSeverity = severity.Trim().ToLowerInvariant() switch
            {
                "info" => EventSeverity.Info,
                "warning" => EventSeverity.Warning,
                "critical" => EventSeverity.Critical,
                _ => throw Invalid(file, "alerts.minimumSeverity", $"is '{severity}'; expected info, warning or critical"),
            } };
        }
        return config;
    }

    public static AdminConfig LoadAdmin(AdminSection? section, string file)
    {
        if (section?.TokenSha256 is not { } hash)
        {
            return AdminConfig.Off;
        }
        var normalized = hash.Trim().ToLowerInvariant();
        return KeyHash.IsValidHex(normalized)
            ? new AdminConfig { TokenSha256 = normalized }
            : throw Invalid(file, "admin.tokenSha256", $"must be {KeyHash.HexLength} hex digits (the SHA-256 of the token, never the token itself)");
    }

    private static TimeSpan Seconds(double value, double min, double max, string file, string key) =>
        double.IsFinite(value) && value >= min && value <= max
            ? TimeSpan.FromSeconds(value)
            : throw Invalid(file, key, $"is {value.ToString(CultureInfo.InvariantCulture)} s; it must be from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} seconds");

    private static ConfigException Invalid(string file, string key, string problem) => new($"{file}: '{key}' {problem}");
}
