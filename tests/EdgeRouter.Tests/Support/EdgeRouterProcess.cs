using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace EdgeRouter.Tests.Support;

/// <summary>
/// Runs the built `edgerouter` binary as a child process (the real Program, CLI, config and llama.cpp engine, with
/// llama.cpp's process-wide state kept out of the test run), with a scrubbed EDGEROUTER_* environment.
/// </summary>
internal static partial class EdgeRouterProcess
{
    public static readonly string Binary = Path.Join(AppContext.BaseDirectory, "edgerouter");

    /// <param name="cache">XDG_CACHE_HOME and XDG_STATE_HOME for the child (where the demo model and the state file land).</param>
    /// <param name="environment">Extra variables for the child (e.g. NOTIFY_SOCKET).</param>
    /// <param name="workingDirectory">Where the child runs (and would drop a core file). <value>The default is the test's.</value></param>
    /// <param name="binary">Another build of the router (e.g. the Native AOT one) instead of the test run's.</param>
    public static Process Start(IEnumerable<string> args, string cache, IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null, string? binary = null)
    {
        var info = new ProcessStartInfo(binary ?? Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        var inherited = info.Environment.Keys.Where(k => k.StartsWith("EDGEROUTER_", StringComparison.Ordinal) ||
            k is "STATE_DIRECTORY" or "NOTIFY_SOCKET" or "WATCHDOG_USEC" or "WATCHDOG_PID" or "JOURNAL_STREAM" or "INVOCATION_ID").ToList();
        foreach (var key in inherited)
        {
            info.Environment.Remove(key);
        }
        info.Environment["XDG_CACHE_HOME"] = cache;
        info.Environment["XDG_STATE_HOME"] = cache;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        return Process.Start(info) ?? throw new InvalidOperationException("could not start " + info.FileName);
    }

    /// <summary>
    /// Reads stdout up to the "listening on" line, then keeps draining it (so the child never blocks on a full pipe),
    /// handing every line to <paramref name="onLine"/> when given.
    /// </summary>
    public static async Task<Uri> ReadListeningAddressAsync(Process process, Action<string>? onLine = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            onLine?.Invoke(line);
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                _ = onLine is null
                    ? process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None)
                    : DrainLinesAsync(process.StandardOutput, onLine);
                return new Uri(match.Groups[1].Value);
            }
        }
        throw new InvalidOperationException("edgerouter exited before listening: " + await process.StandardError.ReadToEndAsync());
    }

    public static async Task WaitUntilReadyAsync(HttpClient client)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var ready = await client.GetAsync("/readyz");
            if (ready.StatusCode == HttpStatusCode.OK)
            {
                return;
            }
            var reason = (await ApiAssert.ReadJsonAsync(ready)).GetProperty("reason").GetString();
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), $"not ready after 60 s: {reason}");
            Assert.DoesNotContain("failed", reason, StringComparison.Ordinal);
            await Task.Delay(50);
        }
    }

    private static async Task DrainLinesAsync(StreamReader reader, Action<string> onLine)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            onLine(line);
        }
    }

    [GeneratedRegex(@"listening on (http://\S+)")]
    private static partial Regex ListeningLine();
}
