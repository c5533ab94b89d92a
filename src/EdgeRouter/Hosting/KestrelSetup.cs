using EdgeRouter.Host.Api;
using EdgeRouter.Host.Config;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace EdgeRouter.Host.Hosting;

/// <summary>Kestrel's listen address and limits, chosen for a localhost service on a small board.</summary>
internal static class KestrelSetup
{
    public static void Configure(KestrelServerOptions kestrel, ListenEndpoint listen)
    {
        kestrel.AddServerHeader = false;
        var limits = kestrel.Limits;
        limits.MaxRequestBodySize = ApiLimits.MaxRequestBodyBytes;
        // Headers must arrive promptly; bodies are policed by MinRequestBodyDataRate (240 B/s after a 5 s grace).
        limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
        // Idle keep-alive connections: long enough for a chat UI between turns, short enough not to pile up.
        limits.KeepAliveTimeout = TimeSpan.FromSeconds(120);
        limits.MaxRequestHeadersTotalSize = 32 * 1024;
        limits.MaxConcurrentConnections = 256;
        // MinResponseDataRate stays at its default (240 B/s, counted only while a write is blocked): a client that
        // stops reading a stream is cut off, which cancels its generation and frees the slot.

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
