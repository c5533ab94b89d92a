using System.Globalization;
using EdgeRouter.Host.Observability.Metrics;

namespace EdgeRouter.Host.Api;

/// <summary>
/// W3C Server-Timing on a streamed generation, sent with the headers once the first text is ready:
/// <c>admit;dur=0.412, ttft;dur=987.031</c> (milliseconds). "admit" is our own share before a tier took the request
/// (body, validation, routing, queueing); "ttft" is the tier's time to its first token. A client's time to first
/// byte minus both is what the network and HTTP framing cost, so a slow first token can be placed without logs.
/// </summary>
internal static class ServerTimingHeader
{
    public const string Name = "Server-Timing";

    public static void Set(HttpResponse response, RequestRecord? record)
    {
        if (record is { TimeToAdmission: { } admit, TierTimeToFirstText: { } ttft })
        {
            response.Headers[Name] = string.Create(CultureInfo.InvariantCulture, $"admit;dur={admit.TotalMilliseconds:0.###}, ttft;dur={ttft.TotalMilliseconds:0.###}");
        }
    }
}
