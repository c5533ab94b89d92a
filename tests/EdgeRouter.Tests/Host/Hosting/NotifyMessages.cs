using EdgeRouter.Tests.Edge.Systemd;

namespace EdgeRouter.Tests.Host.Hosting;

/// <summary>Collects sd_notify datagrams (one state per line may share a datagram) and checks their order.</summary>
internal sealed class NotifyMessages(NotifySocketListener listener)
{
    private readonly List<string> _received = [];

    public IReadOnlyList<string> All => _received;

    /// <summary>Receives until a state matching <paramref name="match"/> arrived (or was already received).</summary>
    public async Task<string> WaitForAsync(Func<string, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (_received.FirstOrDefault(match) is { } found)
            {
                return found;
            }
            var left = deadline - DateTimeOffset.UtcNow;
            Assert.True(left > TimeSpan.Zero, "no matching sd_notify state; received: " + string.Join(" | ", _received));
            if (await listener.ReceiveAsync(left) is { } datagram)
            {
                _received.AddRange(datagram.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            }
        }
    }

    public Task<string> WaitForAsync(string exact, TimeSpan? timeout = null) => WaitForAsync(s => s == exact, timeout);

    /// <summary>Asserts that the first state matching each predicate appears in the given order.</summary>
    public void AssertOrder(params Func<string, bool>[] steps)
    {
        var previous = -1;
        foreach (var step in steps)
        {
            var index = _received.FindIndex(previous + 1, s => step(s));
            Assert.True(index > previous, "sd_notify states out of order: " + string.Join(" | ", _received));
            previous = index;
        }
    }
}
