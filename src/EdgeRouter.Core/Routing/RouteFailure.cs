using System.Text.Json;

namespace EdgeRouter.Core.Routing;

/// <summary>
/// Why no tier served. For a request error from an upstream (<see cref="IsPassthrough"/>) the status, content type
/// and body are the upstream's, unchanged. Otherwise the status is the router's: 503 + <see cref="RetryAfter"/> when
/// every tier is merely cooling (the soonest expiry), else the primary tier's error (502 outage, 504 timeout,
/// 502 credential — never a rate limit), 400 when the prompt fits nothing.
/// </summary>
public sealed record RouteFailure(int StatusCode, string Code, string Message)
{
    public TimeSpan? RetryAfter { get; init; }

    public bool IsPassthrough { get; init; }

    /// <summary>The upstream's own error body for passthrough; empty otherwise (the surface writes its own shape).</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    public string? ContentType { get; init; }

    /// <summary>OpenAI's error shape with the per-attempt summary, for surfaces that speak it.</summary>
    public byte[] ToOpenAiErrorJson(RouteTrace trace)
    {
        if (IsPassthrough && !Body.IsEmpty)
        {
            return Body.ToArray();
        }
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("message", Message);
            json.WriteString("type", StatusCode == 400 ? "invalid_request_error" : "edgerouter_error");
            json.WriteString("code", Code);
            json.WriteStartArray("attempts");
            foreach (var attempt in trace.Attempts)
            {
                json.WriteStartObject();
                json.WriteString("tier", attempt.Tier);
                json.WriteString("outcome", attempt.Outcome.ToString().ToLowerInvariant());
                json.WriteString("reason", attempt.Reason);
                if (attempt.StatusCode is { } status)
                {
                    json.WriteNumber("status", status);
                }
                if (attempt.RetryAfter is { } wait)
                {
                    json.WriteNumber("retry_after_seconds", Math.Ceiling(wait.TotalSeconds));
                }
                if (attempt.Message is { } message)
                {
                    json.WriteString("message", message);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
