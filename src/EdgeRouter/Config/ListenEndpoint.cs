using System.Globalization;
using System.Net;

namespace EdgeRouter.Host.Config;

/// <summary>
/// A HOST:PORT to listen on. HOST is an IP literal (IPv6 in brackets), "localhost", or "*" for every interface;
/// PORT 0 asks the OS for a free port (tests use it).
/// </summary>
public sealed record ListenEndpoint(string Host, int Port)
{
    public const int DefaultPort = 11434;

    /// <summary>The default as the config file writes it (a constant, so the settings record can default to it).</summary>
    public const string DefaultText = "127.0.0.1:11434";

    public static ListenEndpoint Default { get; } = new("127.0.0.1", DefaultPort);

    public bool IsLocalhostName => string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase);

    public bool IsAnyAddress => Host == "*";

    /// <summary>Only this machine can connect: localhost, 127.0.0.0/8 or ::1.</summary>
    public bool IsLoopback => IsLocalhostName || (Address is { } address && IPAddress.IsLoopback(address));

    /// <summary>The address to bind, or null for "localhost" and "*", which Kestrel binds itself.</summary>
    public IPAddress? Address => IsLocalhostName || IsAnyAddress ? null : IPAddress.Parse(Host);

    public static bool TryParse(string text, out ListenEndpoint endpoint, out string problem)
    {
        endpoint = Default;
        var value = text.Trim();
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || colon == value.Length - 1)
        {
            problem = "missing host or port";
            return false;
        }

        var host = value[..colon];
        var portText = value[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > IPEndPoint.MaxPort)
        {
            problem = $"port '{portText}' is not a number from 0 to {IPEndPoint.MaxPort}";
            return false;
        }

        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
            if (!IPAddress.TryParse(host, out var v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                problem = $"'{host}' is not an IPv6 address";
                return false;
            }
        }
        else if (host != "*" && !string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            if (host.Contains(':'))
            {
                problem = "put an IPv6 address in brackets, e.g. [::1]:11434";
                return false;
            }
            if (!IPAddress.TryParse(host, out _))
            {
                problem = $"'{host}' is not an IP address, 'localhost' or '*'";
                return false;
            }
        }

        if (port == 0 && string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            problem = "port 0 needs an IP address, e.g. 127.0.0.1:0";
            return false;
        }

        endpoint = new ListenEndpoint(host, port);
        problem = string.Empty;
        return true;
    }

    public override string ToString() =>
        Host.Contains(':') ? $"[{Host}]:{Port.ToString(CultureInfo.InvariantCulture)}" : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
