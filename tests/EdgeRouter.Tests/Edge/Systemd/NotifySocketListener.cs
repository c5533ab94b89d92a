using System.Net.Sockets;
using System.Text;

namespace EdgeRouter.Tests.Edge.Systemd;

/// <summary>
/// Plays systemd's side of sd_notify: binds an AF_UNIX datagram socket (a file path, or an abstract "@name") and
/// receives what the router sends. <see cref="NotifySocket"/> is the value for <c>$NOTIFY_SOCKET</c>.
/// Reusable by the host's integration test that starts the real binary.
/// </summary>
public sealed class NotifySocketListener : IDisposable
{
    private readonly Socket _socket;
    private readonly string? _directory;

    public NotifySocketListener(bool abstractName = false)
    {
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        if (abstractName)
        {
            var name = "edgerouter-test-" + Guid.NewGuid().ToString("N");
            _socket.Bind(new UnixDomainSocketEndPoint("\0" + name));
            NotifySocket = "@" + name;
        }
        else
        {
            _directory = Directory.CreateTempSubdirectory("edgerouter-notify-").FullName;
            NotifySocket = Path.Join(_directory, "notify.sock");
            _socket.Bind(new UnixDomainSocketEndPoint(NotifySocket));
        }
    }

    public string NotifySocket { get; }

    /// <summary>The next datagram, or null when none arrives within <paramref name="timeout"/>.</summary>
    public async Task<string?> ReceiveAsync(TimeSpan timeout)
    {
        var buffer = new byte[4096];
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            var n = await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            return Encoding.UTF8.GetString(buffer, 0, n);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Every datagram already queued, without waiting.</summary>
    public List<string> ReceiveAvailable()
    {
        var messages = new List<string>();
        var buffer = new byte[4096];
        while (_socket.Available > 0)
        {
            var n = _socket.Receive(buffer);
            messages.Add(Encoding.UTF8.GetString(buffer, 0, n));
        }
        return messages;
    }

    public void Dispose()
    {
        _socket.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
