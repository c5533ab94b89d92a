namespace EdgeRouter.Host.Config;

// The file's "alerts" and "admin" sections (file only: a webhook URL or a token hash does not belong on a command line).

[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
internal sealed class AlertsSection
{
    public string? Url { get; init; }
    public double? DedupWindowSeconds { get; init; }
    public int? QueueLength { get; init; }
    public double? TimeoutSeconds { get; init; }
    public string? MinimumSeverity { get; init; }
}

[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
internal sealed class AdminSection
{
    public string? TokenSha256 { get; init; }
}
