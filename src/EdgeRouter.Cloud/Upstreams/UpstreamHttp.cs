using System.Net;
using EdgeRouter.Cloud.Config;

namespace EdgeRouter.Cloud.Upstreams;

/// <summary>
/// The transport for upstreams: one named HttpClient per upstream (its connect timeout and pool size differ) over a
/// tuned <see cref="SocketsHttpHandler"/>. No retries, no redirects, no decompression (the SSE bytes pass through
/// untouched), no cookies. Proxies: the environment's HTTP(S)_PROXY/NO_PROXY apply unless the upstream sets
/// <see cref="UpstreamConfig.UseProxy"/> = false — an edge board behind a corporate proxy must still reach the cloud.
/// </summary>
public static class UpstreamHttp
{
    public static string ClientName(string upstream) => $"edgerouter.upstream.{upstream}";

    public static SocketsHttpHandler CreateHandler(UpstreamConfig upstream) => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        UseProxy = upstream.UseProxy,
        ConnectTimeout = upstream.Timeouts.Connect,
        // DNS changes (provider failover) are picked up when pooled connections are recycled.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
        MaxConnectionsPerServer = upstream.Limits.MaxConcurrency,
        // A cancelled stream must not keep a connection busy draining a long answer.
        ResponseDrainTimeout = TimeSpan.FromSeconds(1),
        MaxResponseHeadersLength = 64,
    };

    /// <summary>Every timeout is the router's (TimeProvider-driven), so HttpClient's own 100 s default is turned off.</summary>
    public static void ConfigureClient(HttpClient client)
    {
        client.Timeout = Timeout.InfiniteTimeSpan;
        client.DefaultRequestVersion = HttpVersion.Version11;
        client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrHigher;
    }
}
