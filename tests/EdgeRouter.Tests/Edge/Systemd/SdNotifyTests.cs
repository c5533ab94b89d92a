using EdgeRouter.Edge.Systemd;

namespace EdgeRouter.Tests.Edge.Systemd;

public sealed class SdNotifyTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_RealSocket_OneDatagramPerMessage(bool abstractName)
    {
        using var listener = new NotifySocketListener(abstractName);
        var notify = new SdNotify(listener.NotifySocket);

        Assert.True(notify.IsEnabled);
        Assert.True(notify.NotifyReady());
        Assert.True(notify.NotifyStatus("serving qwen\nthermal normal"));
        Assert.True(notify.NotifyWatchdog());
        Assert.True(notify.ExtendTimeout(TimeSpan.FromSeconds(90)));
        Assert.True(notify.NotifyStopping());

        Assert.Equal("READY=1", await listener.ReceiveAsync(Wait));
        Assert.Equal("STATUS=serving qwen thermal normal", await listener.ReceiveAsync(Wait));
        Assert.Equal("WATCHDOG=1", await listener.ReceiveAsync(Wait));
        Assert.Equal("EXTEND_TIMEOUT_USEC=90000000", await listener.ReceiveAsync(Wait));
        Assert.Equal("STOPPING=1", await listener.ReceiveAsync(Wait));
        Assert.Equal(5, notify.SentCount);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("vsock:2:1234")]
    [InlineData("relative/path")]
    public void NoUsableSocket_NoOp(string? socket)
    {
        var notify = new SdNotify(socket);

        Assert.False(notify.IsEnabled);
        Assert.False(notify.NotifyReady());
        Assert.Equal(0, notify.SentCount);
        Assert.Equal(0, notify.FailedCount);
    }

    [Fact]
    public void Send_NobodyListening_CountsFailureDoesNotThrow()
    {
        var notify = new SdNotify(Path.Join(Path.GetTempPath(), "edgerouter-no-such-" + Guid.NewGuid().ToString("N") + ".sock"));

        Assert.False(notify.NotifyWatchdog());
        Assert.Equal(1, notify.FailedCount);
    }

    [Fact]
    public void StatusLine_FlattenedAndCapped()
    {
        var line = SdNotify.StatusLine(new string('x', 500));

        Assert.Equal(7 + 240, line.Length);
        Assert.EndsWith("...", line, StringComparison.Ordinal);
        Assert.Equal("STATUS=a b c", SdNotify.StatusLine(" a\r\nb\nc "));
    }
}
