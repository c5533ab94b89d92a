using System.Text.Json.Serialization;
using EdgeRouter.Host.Observability.Events;

namespace EdgeRouter.Host.Observability.Alerts;

/// <summary>
/// The webhook body: <see cref="Title"/> and <see cref="Message"/> for bridges that forward text (ntfy, Telegram),
/// the structured fields for anything that filters.
/// </summary>
internal sealed class AlertPayload
{
    public required string Title { get; init; }
    public required string Message { get; init; }
    public required string Kind { get; init; }
    public required string Subject { get; init; }
    public required string Severity { get; init; }
    public string? Class { get; init; }
    public DateTimeOffset? Until { get; init; }
    public required string Reason { get; init; }
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Events of the same kind and subject suppressed by dedup since the previous alert of that key.</summary>
    public required int Suppressed { get; init; }

    public static AlertPayload From(RouterEvent e, int suppressed) => new()
    {
        Title = $"edgerouter: {RouterEvent.KindText(e.Kind)} {e.Subject}",
        Message = suppressed > 0 ? $"{e.Describe()} (+{suppressed} similar suppressed)" : e.Describe(),
        Kind = RouterEvent.KindText(e.Kind),
        Subject = e.Subject,
        Severity = RouterEvent.SeverityText(e.Severity),
        Class = e.Class,
        Until = e.Until,
        Reason = e.Reason,
        Timestamp = e.Timestamp,
        Suppressed = suppressed,
    };
}

[JsonSerializable(typeof(AlertPayload))]
internal sealed partial class AlertJsonContext : JsonSerializerContext
{
    /// <summary>The API's options: snake_case, no nulls, and text as is ("+7 similar", not "+7 similar").</summary>
    public static AlertJsonContext Webhook { get; } = new(Api.ApiJsonOptions.Create());
}
