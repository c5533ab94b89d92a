using System.Net.Sockets;
using System.Text;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Cloud.Failures;

/// <summary>
/// The one place that decides what a failed attempt means. Status first, then the error text for the cases where
/// providers disagree on status (a quota message on a 403, an "overloaded" 503, a context-length 400).
/// </summary>
public static class FailureClassifier
{
    /// <summary>Error bodies are read up to this size; anything longer is cut (it is still classified on its start).</summary>
    public const int MaxErrorBodyBytes = 64 * 1024;

    private static readonly string[] ContextMarkers =
    [
        "context_length_exceeded", "maximum context length", "context length", "context window",
        "prompt is too long", "too many tokens", "reduce the length",
    ];

    private static readonly string[] ContentPolicyMarkers =
    [
        "content_filter", "content_policy", "content policy", "content management policy", "responsibleaipolicyviolation",
        "safety system",
    ];

    private static readonly string[] ThrottleMarkers =
    [
        "rate limit", "rate_limit", "ratelimit", "too many requests", "quota", "resource_exhausted", "resource exhausted",
        "overloaded", "throttl", "capacity",
    ];

    /// <summary>Classifies an HTTP answer that was not a success.</summary>
    public static FailureClass ClassifyStatus(int status, string? errorText, bool hasRetryAfter)
    {
        var text = errorText ?? "";
        switch (status)
        {
            case 429 or 529:
                return FailureClass.Throttle;
            case 401 or 402 or 403:
                // Some providers report quota or rate exhaustion as 403; that is a throttle, not a dead key.
                return Contains(text, ThrottleMarkers) && status == 403 ? FailureClass.Throttle : FailureClass.Credential;
            case 408:
                return FailureClass.Outage;
            case >= 400 and < 500:
                if (Contains(text, ContextMarkers))
                {
                    return FailureClass.ContextOverflow;
                }
                if (Contains(text, ContentPolicyMarkers))
                {
                    return FailureClass.ContentPolicy;
                }
                return Contains(text, ThrottleMarkers) ? FailureClass.Throttle : FailureClass.Request;
            case >= 500:
                // A 5xx that names a rate problem, or says when to come back, is a throttle: honour it as one.
                return hasRetryAfter || Contains(text, ThrottleMarkers) ? FailureClass.Throttle : FailureClass.Outage;
            default:
                // 1xx/3xx (redirects are not followed): a misconfigured or broken upstream.
                return FailureClass.Outage;
        }
    }

    public static TierFailure FromStatus(int status, ReadOnlyMemory<byte> body, string? contentType, TimeSpan? retryAfter)
    {
        var text = DecodeForMatching(body.Span);
        var failureClass = ClassifyStatus(status, text, retryAfter is not null);
        return new TierFailure(failureClass, $"http-{status}", Describe(status, text))
        {
            StatusCode = status,
            RetryAfter = retryAfter,
            Body = body,
            ContentType = contentType,
        };
    }

    /// <summary>An <c>{"error": ...}</c> object inside a 200 stream: no status, so only the text decides.</summary>
    public static TierFailure FromStreamError(string errorJson)
    {
        var failureClass = ClassifyStreamError(errorJson);
        return new TierFailure(failureClass, "stream-error", $"the upstream sent an error event: {Truncate(errorJson, 300)}")
        {
            Body = Encoding.UTF8.GetBytes(errorJson),
            ContentType = "application/json",
        };
    }

    internal static FailureClass ClassifyStreamError(string text)
    {
        if (Contains(text, ContextMarkers))
        {
            return FailureClass.ContextOverflow;
        }
        if (Contains(text, ThrottleMarkers))
        {
            return FailureClass.Throttle;
        }
        if (Contains(text, ["invalid_api_key", "authentication", "unauthorized", "billing", "permission"]))
        {
            return FailureClass.Credential;
        }
        return Contains(text, ContentPolicyMarkers) ? FailureClass.ContentPolicy : FailureClass.Outage;
    }

    /// <summary>
    /// Classifies a thrown exception. <paramref name="clientCancelled"/> wins over everything: a client that left is
    /// never the upstream's fault. <paramref name="timeout"/> names our own clock when one fired.
    /// </summary>
    public static TierFailure FromException(Exception exception, bool clientCancelled, TimeoutKind? timeout)
    {
        if (clientCancelled)
        {
            return new TierFailure(FailureClass.ClientCancelled, "cancelled", "the client cancelled the request");
        }
        if (timeout is { } kind)
        {
            var (reason, message) = kind switch
            {
                TimeoutKind.FirstToken => ("timeout-first-token", "no first token before the deadline"),
                TimeoutKind.Idle => ("timeout-idle", "the stream went silent for longer than the idle timeout"),
                _ => ("timeout-total", "the attempt exceeded its total timeout"),
            };
            return new TierFailure(FailureClass.Outage, reason, message) { IsTimeout = true };
        }

        var socket = Find<SocketException>(exception);
        var (why, text) = exception switch
        {
            _ when socket?.SocketErrorCode == SocketError.ConnectionRefused => ("connect-refused", "connection refused"),
            _ when socket?.SocketErrorCode is SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => ("dns", "the host name did not resolve"),
            _ when socket?.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted => ("reset", "the connection was reset"),
            _ when socket?.SocketErrorCode is SocketError.TimedOut => ("connect-timeout", "connecting timed out"),
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => ("dns", "the host name did not resolve"),
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => ("connect-failed", "could not connect"),
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => ("tls", "the TLS handshake failed"),
            HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } => ("reset", "the upstream closed the connection"),
            HttpIOException => ("reset", "the response was cut off"),
            // ConnectTimeout on SocketsHttpHandler surfaces as a TimeoutException inside a cancellation.
            OperationCanceledException when Find<TimeoutException>(exception) is not null => ("connect-timeout", "connecting timed out"),
            IOException => ("reset", "the connection failed mid-response"),
            _ => ("transport", exception.GetType().Name),
        };
        return new TierFailure(FailureClass.Outage, why, text);
    }

    private static T? Find<T>(Exception? exception) where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T match)
            {
                return match;
            }
        }
        return null;
    }

    private static bool Contains(string text, string[] markers)
    {
        foreach (var marker in markers)
        {
            if (text.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private static string DecodeForMatching(ReadOnlySpan<byte> body) =>
        Encoding.UTF8.GetString(body.Length > MaxErrorBodyBytes ? body[..MaxErrorBodyBytes] : body);

    private static string Describe(int status, string text) =>
        text.Length == 0 ? $"HTTP {status}" : $"HTTP {status}: {Truncate(text, 300)}";

    private static string Truncate(string text, int max)
    {
        var oneLine = text.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= max ? oneLine : string.Concat(oneLine.AsSpan(0, max), "...");
    }
}
