using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Host.Security;

/// <summary>
/// Connections that dribble their headers one byte at a time: they never get a request through, they do not keep
/// others out, and the header timeout closes them however slowly they keep sending.
/// </summary>
public sealed class SlowlorisTests
{
    private const int SlowConnections = 100;

    [Fact]
    public async Task DribblingHeaders_DoNotStarveNormalRequests_AndGetClosed()
    {
        await using var h = await TestRouter.StartAsync(new TestRouterOptions
        {
            // Production keeps 10 s; a short timeout keeps the test short. Everything else is the production setup.
            ConfigureKestrel = kestrel => kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(1),
        });
        var router = h.Router;
        var client = h.Client;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var sockets = new List<Socket>();
        for (var i = 0; i < SlowConnections; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, router.Address.Port);
            await socket.SendAsync(Encoding.ASCII.GetBytes("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"));
            sockets.Add(socket);
        }
        var dribblers = sockets.Select(socket => DribbleUntilClosedAsync(socket, stop.Token)).ToList();

        using (var response = await client.PostAsync("/v1/chat/completions",
            ApiAssert.Json("""{"model":"local","messages":[{"role":"user","content":"hi"}]}""")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var closed = await Task.WhenAll(dribblers);
        Assert.All(closed, Assert.True);
        foreach (var socket in sockets)
        {
            socket.Dispose();
        }
        using var after = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    /// <summary>Sends one header byte at a time until the server closes the connection; true if it did before the test's deadline.</summary>
    private static async Task<bool> DribbleUntilClosedAsync(Socket socket, CancellationToken stop)
    {
        var header = Encoding.ASCII.GetBytes("X-Slow: " + new string('a', 10_000));
        var buffer = new byte[1024];
        var receive = socket.ReceiveAsync(buffer, SocketFlags.None, stop).AsTask();
        try
        {
            for (var i = 0; !stop.IsCancellationRequested; i = (i + 1) % header.Length)
            {
                if (receive.IsCompleted)
                {
                    // Kestrel answers 408 or just closes; either way the next read ends with 0 bytes.
                    if (await receive == 0)
                    {
                        return true;
                    }
                    receive = socket.ReceiveAsync(buffer, SocketFlags.None, stop).AsTask();
                    continue;
                }
                await socket.SendAsync(header.AsMemory(i, 1), SocketFlags.None, stop);
                await Task.WhenAny(receive, Task.Delay(100, stop));
            }
            return false;
        }
        catch (SocketException)
        {
            return true; // Reset by the server.
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
