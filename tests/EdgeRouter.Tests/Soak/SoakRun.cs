using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using EdgeRouter.Gguf;
using EdgeRouter.Tests.Edge;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Soak;

/// <summary>
/// One soak: the real router binary serving a generated tiny model (real llama.cpp) as the local tier and two loopback
/// upstreams (one steady, one faulty) as the cloud tier, under a seeded mix of clients for the configured duration,
/// with the gate and the process's memory watched throughout. Returns the account; the caller asserts on it.
/// </summary>
public static partial class SoakRun
{
    public const int QueueLength = 2;

    public static async Task<SoakReport> RunAsync(SoakSettings settings, Action<string> progress)
    {
        var directory = Directory.CreateTempSubdirectory("edgerouter-soak-").FullName;
        try
        {
            var model = Path.Join(directory, "soak-tiny.gguf");
            ModelGenerator.Generate(new ModelSpec { Shape = ModelShape.Tiny, TensorType = GgufTensorType.Q8_0, Seed = 7 }, model);
            await using var upstreams = await SoakUpstreams.StartAsync(settings.Seed);
            var config = Path.Join(directory, "soak.json");
            await File.WriteAllTextAsync(config, upstreams.ConfigJson());
            return await RunRouterAsync(settings, model, config, directory, upstreams, progress);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<SoakReport> RunRouterAsync(SoakSettings settings, string model, string config, string directory,
        SoakUpstreams upstreams, Action<string> progress)
    {
        var output = new ConcurrentQueue<string>();
        // One compute thread: the tiny model's work is microseconds per node, and the machine is shared.
        using var process = EdgeRouterProcess.Start(
            ["--listen", "127.0.0.1:0", "--model", model, "--ctx", "512", "--threads", "1",
             "--queue-length", QueueLength.ToString(System.Globalization.CultureInfo.InvariantCulture), "--max-wait", "5", "--config", config],
            directory,
            // A fixed board: the soak is about faults and aborts, not the build machine's temperature.
            new Dictionary<string, string> { ["EDGEROUTER_TELEMETRY_ROOT"] = FixtureTrees.PathOf(FixtureTrees.X86) },
            binary: settings.Binary);
        var stderr = DrainAsync(process.StandardError, output);
        try
        {
            var address = await EdgeRouterProcess.ReadListeningAddressAsync(process, output.Enqueue);
            using var client = SoakClient.Create(address);
            await EdgeRouterProcess.WaitUntilReadyAsync(client);
            progress($"soak: router {process.Id} ready at {address}; {settings.Duration.TotalSeconds:0} s of load with {settings.Workers} clients");

            var tally = new SoakTally();
            await using var gate = GateWatch.Start(address);
            var rss = RssWatch.Start(process.Id);
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, settings.Workers).Select(worker => Task.Run(async () =>
            {
                var random = new Random(settings.Seed * 1000 + worker);
                while (clock.Elapsed < settings.Duration && !process.HasExited)
                {
                    var plan = SoakPlan.Next(random);
                    tally.Add(plan, await SoakClient.SendAsync(client, plan, settings.LostAfter));
                }
            })));
            var elapsed = clock.Elapsed;
            List<string> crashes = process.HasExited ? [$"the router exited with code {process.ExitCode} during the soak"] : [];
            await gate.StopAsync();
            var leaks = crashes.Count == 0 ? await CheckSlotAsync(client, gate) : [];
            await rss.DisposeAsync();
            progress($"soak: {tally.Total} requests in {elapsed.TotalSeconds:0} s");

            await StopAsync(process);
            await stderr;
            var lines = output.ToArray();
            return new SoakReport
            {
                Settings = settings,
                Elapsed = elapsed,
                Machine = Machine(),
                Tally = tally,
                FaultsPlayed = new Dictionary<string, int>(upstreams.Played),
                UpstreamRequests = upstreams.Requests,
                Gate = gate,
                QueueLength = QueueLength,
                Rss = rss,
                SlotLeaks = leaks,
                Crashes = crashes,
                UnobservedExceptions = [.. lines.Where(l => l.Contains("UnobservedTaskExceptionLog[830]", StringComparison.Ordinal))],
                UnhandledExceptions = [.. lines.Where(l => l.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase) ||
                    l.Contains("An unhandled exception was thrown", StringComparison.Ordinal))],
                ErrorLogLines = [.. lines.Select(l => ErrorLine().Match(l)).Where(m => m.Success).GroupBy(m => m.Groups[1].Value)
                    .Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2)],
            };
        }
        finally
        {
            if (!process.HasExited)
            {
                await StopAsync(process);
            }
        }
    }

    /// <summary>
    /// After the load: the gate must drain to idle (every abandoned, failed or timed-out request gave its slot back)
    /// and a whole local request on each surface must then be answered.
    /// </summary>
    private static async Task<List<string>> CheckSlotAsync(HttpClient client, GateWatch gate)
    {
        var leaks = new List<string>();
        var idle = Stopwatch.StartNew();
        (int Running, int Queued)? last = null;
        while (idle.Elapsed < TimeSpan.FromSeconds(30) && (last = await gate.SampleAsync()) is not (0, 0))
        {
            await Task.Delay(100);
        }
        if (last is not (0, 0))
        {
            leaks.Add($"the gate did not drain in 30 s after the load: {last}");
        }
        foreach (var surface in Enum.GetValues<SoakSurface>())
        {
            var probe = new SoakPlan(surface, "local", Stream: false, MaxTokens: 4, SoakAbort.None, TimeSpan.Zero, "are you free");
            if (await SoakClient.SendAsync(client, probe, TimeSpan.FromSeconds(60)) is { Verdict: not SoakVerdict.Answered } outcome)
            {
                leaks.Add($"a local request after the load was not answered: {probe.Input}: {outcome.Verdict} {outcome.Detail}");
            }
        }
        return leaks;
    }

    private static async Task StopAsync(Process process)
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    private static async Task DrainAsync(StreamReader reader, ConcurrentQueue<string> lines)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lines.Enqueue(line);
        }
    }

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal) || l.StartsWith("Model", StringComparison.Ordinal))
                ?.Split(':', 2)[1].Trim()
            : null;
        return $"{RuntimeInformation.OSDescription}, {RuntimeInformation.OSArchitecture}, {Environment.ProcessorCount} cores{(cpu is null ? "" : ", " + cpu)}";
    }

    // The console logger's single-line form: "fail: EdgeRouter.Api[2000] ..." (crit for critical).
    [GeneratedRegex(@"^(?:fail|crit): (\S+\[\d+\])")]
    private static partial Regex ErrorLine();
}
