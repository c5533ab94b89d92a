using EdgeRouter.Host.Api;
using EdgeRouter.Host.Config;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace EdgeRouter.Host.Hosting;

/// <summary>
/// Kestrel's listen address and limits, chosen for a small board: every limit is set here on purpose (README,
/// "HTTP limits"), so a slow or hostile client costs a bounded amount of memory, connections and time.
/// </summary>
internal static class KestrelSetup
{
    public static readonly TimeSpan RequestHeadersTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan KeepAliveTimeout = TimeSpan.FromSeconds(120);
    public const int MaxConcurrentConnections = 256;
    public const int MaxRequestHeadersTotalSize = 32 * 1024;
    public const int MaxRequestHeaderCount = 64;
    public const int MaxRequestLineSize = 8 * 1024;

    public static void Configure(KestrelServerOptions kestrel, ListenEndpoint listen)
    {
        kestrel.AddServerHeader = false;
        var limits = kestrel.Limits;
        limits.MaxRequestBodySize = ApiLimits.MaxRequestBodyBytes;
        // The whole header block must arrive within this time, however it is dribbled (slowloris); then the
        // connection is closed. Bodies are policed by MinRequestBodyDataRate instead.
        limits.RequestHeadersTimeout = RequestHeadersTimeout;
        limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        // A client that stops reading a stream is cut off, which cancels its generation and frees the slot.
        limits.MinResponseDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        // Idle keep-alive connections: long enough for a chat UI between turns, short enough not to pile up.
        limits.KeepAliveTimeout = KeepAliveTimeout;
        limits.MaxRequestHeadersTotalSize = MaxRequestHeadersTotalSize;
        limits.MaxRequestHeaderCount = MaxRequestHeaderCount;
        limits.MaxRequestLineSize = MaxRequestLineSize;
        limits.MaxConcurrentConnections = MaxConcurrentConnections;
        // Nothing here upgrades a connection (no WebSockets), so an upgrade can never hold a connection outside the cap.
        limits.MaxConcurrentUpgradedConnections = 0;
        // Plain-text HTTP/1.1 only: every client here speaks it, and HTTP/2's extra surface (streams per connection,
        // HPACK state) buys nothing on localhost.
        kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = HttpProtocols.Http1);

        switch (listen)
        {
            case { IsLocalhostName: true }:
                kestrel.ListenLocalhost(listen.Port);
                break;
            case { IsAnyAddress: true }:
                kestrel.ListenAnyIP(listen.Port);
                break;
            default:
                kestrel.Listen(listen.Address!, listen.Port);
                break;
        }
    }
}
