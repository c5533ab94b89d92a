using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace EdgeRouter.Edge.Systemd;

/// <summary>
/// The sd_notify protocol, written out: one datagram of newline-separated KEY=VALUE lines to the AF_UNIX socket in
/// <c>$NOTIFY_SOCKET</c> ("/path", or "@name" for the Linux abstract namespace). A no-op when the variable is unset
/// (not started by systemd, or not Type=notify). Failures are counted, never thrown: systemd's man page says to
/// ignore the return value, and a lost STATUS must not take the router down.
/// </summary>
public sealed class SdNotify
{
    public const string Ready = "READY=1";
    public const string Stopping = "STOPPING=1";
    public const string Watchdog = "WATCHDOG=1";

    // STATUS= is one line; journalctl/systemctl show it in a single row.
    private const int MaxStatusLength = 240;

    private readonly UnixDomainSocketEndPoint? _endpoint;
    private long _sent;
    private long _failed;

    public SdNotify(string? notifySocket)
    {
        SocketName = notifySocket;
        _endpoint = ToEndPoint(notifySocket);
    }

    public static SdNotify Disabled { get; } = new(null);

    public static SdNotify FromEnvironment(SystemdEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new SdNotify(environment.NotifySocket);
    }

    public string? SocketName { get; }

    /// <summary>True when there is a socket to notify (an AF_UNIX path or abstract name).</summary>
    public bool IsEnabled => _endpoint is not null;

    public long SentCount => Interlocked.Read(ref _sent);

    public long FailedCount => Interlocked.Read(ref _failed);

    /// <summary>Sends <paramref name="state"/> as one datagram. Returns false when disabled or the send failed.</summary>
    public bool Send(string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_endpoint is null)
        {
            return false;
        }
        try
        {
            // A fresh socket per message, as libsystemd does: nothing to reconnect after a daemon-reexec.
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.SendTo(Encoding.UTF8.GetBytes(state), SocketFlags.None, _endpoint);
            Interlocked.Increment(ref _sent);
            return true;
        }
        catch (SocketException)
        {
            Interlocked.Increment(ref _failed);
            return false;
        }
        catch (ObjectDisposedException)
        {
            Interlocked.Increment(ref _failed);
            return false;
        }
    }

    public bool NotifyReady() => Send(Ready);

    public bool NotifyStopping() => Send(Stopping);

    public bool NotifyWatchdog() => Send(Watchdog);

    /// <summary>STATUS=, flattened to one line and capped in length.</summary>
    public bool NotifyStatus(string status) => Send(StatusLine(status));

    /// <summary>EXTEND_TIMEOUT_USEC=: asks for more time for the current start or stop step (a slow model load).</summary>
    public bool ExtendTimeout(TimeSpan extension) =>
        Send("EXTEND_TIMEOUT_USEC=" + ((long)Math.Max(0, extension.TotalMicroseconds)).ToString(CultureInfo.InvariantCulture));

    internal static string StatusLine(string status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var flat = status.ReplaceLineEndings(" ").Trim();
        return "STATUS=" + (flat.Length > MaxStatusLength ? flat[..(MaxStatusLength - 3)] + "..." : flat);
    }

    internal static UnixDomainSocketEndPoint? ToEndPoint(string? notifySocket)
    {
        if (string.IsNullOrEmpty(notifySocket) || notifySocket.Length < 2)
        {
            return null;
        }
        try
        {
            return notifySocket[0] switch
            {
                // Linux abstract namespace: the leading '@' stands for a NUL byte.
                '@' => new UnixDomainSocketEndPoint("\0" + notifySocket[1..]),
                '/' => new UnixDomainSocketEndPoint(notifySocket),
                // "vsock:CID:PORT" (VM managers) and anything else are not supported: stay quiet rather than guess.
                _ => null,
            };
        }
        catch (ArgumentException)
        {
            // Longer than sun_path allows.
            return null;
        }
    }
}
