using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using EdgeRouter.Edge.Systemd;
using EdgeRouter.Tests.Edge.Systemd;
using EdgeRouter.Tests.Support;
using EdgeRouter.Tests.Edge;

namespace EdgeRouter.Tests.Host.Hosting;

/// <summary>
/// The built binary as systemd runs it (Type=notify, WatchdogSec=): READY, STATUS, WATCHDOG pings and STOPPING in
/// order, and SIGTERM in the middle of a long generation ends with exit code 0 well within TimeoutStopSec= (30 s).
/// </summary>
public sealed partial class SigtermTests : IDisposable
{
    private const int SigTerm = 15;
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly string _directory = Directory.CreateTempSubdirectory("edgerouter-sigterm-").FullName;

    [Fact]
    public async Task SigtermDuringAGeneration_StopsInOrderAndExits0WithinTheStopTimeout()
    {
        var model = Path.Join(_directory, "tiny7.gguf");
        await GenerateModelAsync(model);
        using var listener = new NotifySocketListener();
        var notify = new NotifyMessages(listener);
        var output = new ConcurrentQueue<string>();
        using var process = EdgeRouterProcess.Start(["--listen", "127.0.0.1:0", "--model", model, "--ctx", "4096"], _directory,
            new Dictionary<string, string>
            {
                ["NOTIFY_SOCKET"] = listener.NotifySocket,
                ["WATCHDOG_USEC"] = "1000000",
                ["EDGEROUTER_TELEMETRY_ROOT"] = FixtureTrees.PathOf(FixtureTrees.X86),
            });
        try
        {
            var address = await EdgeRouterProcess.ReadListeningAddressAsync(process, output.Enqueue);
            using var client = TestRouter.CreateClient(address);
            await EdgeRouterProcess.WaitUntilReadyAsync(client);
            await notify.WaitForAsync(SdNotify.Ready);
            await notify.WaitForAsync(SdNotify.Watchdog);

            // About 10 s of decoding on the tiny model: certainly still running when the signal lands.
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
            {
                Content = ApiAssert.Json("""{"messages":[{"role":"user","content":"Hi"}],"max_tokens":4000,"temperature":0,"stream":true}"""),
            };
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var stream = new StreamReader(await response.Content.ReadAsStreamAsync());
            Assert.StartsWith("data: ", await stream.ReadLineAsync());
            var rest = stream.ReadToEndAsync().ContinueWith(static t => t.IsCompletedSuccessfully, TaskScheduler.Default);

            var stopping = Stopwatch.StartNew();
            Assert.Equal(0, Kill(process.Id, SigTerm));
            await process.WaitForExitAsync().WaitAsync(StopTimeout);
            stopping.Stop();
            await rest.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(0, process.ExitCode);
            Assert.True(stopping.Elapsed < StopTimeout, $"stop took {stopping.Elapsed}");
            await notify.WaitForAsync(SdNotify.Stopping, TimeSpan.FromSeconds(5));
            notify.AssertOrder(
                s => s.StartsWith("STATUS=loading", StringComparison.Ordinal),
                s => s == SdNotify.Ready,
                s => s.StartsWith("STATUS=serving tiny7; thermal normal", StringComparison.Ordinal),
                s => s == SdNotify.Watchdog,
                s => s == SdNotify.Stopping);
            await WaitForLineAsync(output, "Stopped:");
            Assert.Contains(output, l => l.Contains("No state to persist", StringComparison.Ordinal));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    private async Task GenerateModelAsync(string path)
    {
        using var generate = EdgeRouterProcess.Start(["model", "generate", "--shape", "tiny", "--type", "q8_0", "--seed", "7", "--out", path], _directory);
        var stderr = generate.StandardError.ReadToEndAsync();
        await generate.StandardOutput.ReadToEndAsync();
        await generate.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(generate.ExitCode == 0, await stderr);
    }

    // stdout is drained on another task; the last lines may land just after the exit is observed.
    private static async Task WaitForLineAsync(ConcurrentQueue<string> output, string text)
    {
        for (var i = 0; i < 100 && !output.Any(l => l.Contains(text, StringComparison.Ordinal)); i++)
        {
            await Task.Delay(50);
        }
        Assert.Contains(output, l => l.Contains(text, StringComparison.Ordinal));
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
