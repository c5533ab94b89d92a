using System.Runtime.CompilerServices;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Host.Hosting;

public sealed class UnobservedTaskExceptionLogTests
{
    [Fact]
    public async Task FaultedTaskNobodyAwaited_IsLoggedAsAnErrorOnceCollected()
    {
        await using var router = await TestRouter.StartAsync();
        var marker = "never awaited " + Guid.NewGuid().ToString("N");

        DropFaultedTask(marker);
        // The event fires from the finalizer of the dropped task's exception holder, so collect until it has run.
        for (var i = 0; i < 100 && !router.Logs.Lines.Any(l => l.Contains(marker, StringComparison.Ordinal)); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(10);
        }

        Assert.Contains(router.Logs.Lines, l => l.StartsWith("Error EdgeRouter.Host.Hosting.UnobservedTaskExceptionLog[830]", StringComparison.Ordinal) &&
            l.Contains(marker, StringComparison.Ordinal));
    }

    // Out of line, so no local of the caller keeps the task reachable.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DropFaultedTask(string message) => _ = Task.FromException(new InvalidOperationException(message));
}
