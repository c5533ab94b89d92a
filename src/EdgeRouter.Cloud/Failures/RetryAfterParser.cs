using System.Globalization;
using System.Net.Http.Headers;

namespace EdgeRouter.Cloud.Failures;

/// <summary>
/// Reads how long the upstream wants us to wait: <c>retry-after-ms</c> / <c>x-ms-retry-after-ms</c> (milliseconds,
/// preferred: more precise) or <c>Retry-After</c> (delta-seconds or an HTTP-date). A date in the past means "now".
/// The result is a hint; the cooldown store treats it as a minimum and caps it.
/// </summary>
public static class RetryAfterParser
{
    public static TimeSpan? Parse(HttpResponseHeaders headers, DateTimeOffset now) =>
        Parse(First(headers, "Retry-After"), First(headers, "retry-after-ms") ?? First(headers, "x-ms-retry-after-ms"), now);

    public static TimeSpan? Parse(string? retryAfter, string? retryAfterMs, DateTimeOffset now)
    {
        if (ParseMilliseconds(retryAfterMs) is { } ms)
        {
            return ms;
        }
        return ParseRetryAfter(retryAfter, now);
    }

    public static TimeSpan? ParseMilliseconds(string? value)
    {
        if (value is null
            || !double.TryParse(value.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var ms)
            || !double.IsFinite(ms)
            || ms > TimeSpan.MaxValue.TotalMilliseconds / 2)
        {
            return null;
        }
        return TimeSpan.FromMilliseconds(ms);
    }

    public static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (char.IsAsciiDigit(text[0]))
        {
            // delta-seconds is an integer; some providers send a fraction ("1.5"), which we accept.
            return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
                && double.IsFinite(seconds) && seconds < TimeSpan.MaxValue.TotalSeconds / 2
                ? TimeSpan.FromSeconds(seconds)
                : null;
        }
        if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private static string? First(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
