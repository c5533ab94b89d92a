using Microsoft.Net.Http.Headers;

namespace EdgeRouter.Host.Api;

/// <summary>Retry-After as whole seconds (the delta-seconds form every client parses), never 0.</summary>
internal static class RetryAfterHeader
{
    public static int Seconds(TimeSpan retryAfter) => (int)Math.Clamp(Math.Ceiling(retryAfter.TotalSeconds), 1, int.MaxValue);

    public static void Set(HttpResponse response, TimeSpan? retryAfter)
    {
        if (retryAfter is { } value)
        {
            response.Headers[HeaderNames.RetryAfter] = Seconds(value).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
