using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Api;

/// <summary>
/// The built `edgerouter` binary as a child process: the real Program, CLI, config, demo model and llama.cpp engine.
/// A separate process also keeps llama.cpp's process-wide state out of this test run.
/// </summary>
public sealed partial class BinaryTests
{
    private static readonly string Binary = Path.Join(AppContext.BaseDirectory, "edgerouter");

    [Fact]
    public async Task NoModelConfigured_GeneratesTheDemoModelAndServesIt()
    {
        var cache = Directory.CreateTempSubdirectory("edgerouter-xdg-").FullName;
        using var process = Start(["--listen", "127.0.0.1:0", "--ctx", "256"], cache);
        try
        {
            var address = await ReadListeningAddressAsync(process);
            using var client = TestRouter.CreateClient(address);
            await WaitUntilReadyAsync(client);

            using var response = await client.PostAsync("/v1/chat/completions",
                ApiAssert.Json("""{"messages":[{"role":"user","content":"Hello"}],"max_tokens":4,"temperature":0}"""));
            using var tags = await client.GetAsync("/api/tags");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("local", Assert.Single(response.Headers.GetValues("X-EdgeRouter-Tier")));
            var body = await ApiAssert.ReadJsonAsync(response);
            Assert.Equal("edgerouter-demo", body.GetProperty("model").GetString());
            Assert.InRange(body.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), 0, 4);
            Assert.Equal("edgerouter-demo:latest", (await ApiAssert.ReadJsonAsync(tags)).GetProperty("models")[0].GetProperty("name").GetString());
            Assert.True(File.Exists(Path.Join(cache, "edgerouter", "models", "edgerouter-demo-tiny-q8_0-seed42.gguf")));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public async Task UnknownFlag_ExitsWith2AndAUsageHint()
    {
        using var process = Start(["--no-such-flag"], Path.GetTempPath());

        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Equal("edgerouter: unknown option '--no-such-flag' for 'serve'\nRun 'edgerouter --help' for usage.\n", stderr);
    }

    private static Process Start(IEnumerable<string> args, string cache)
    {
        var info = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("EDGEROUTER_", StringComparison.Ordinal) || k == "STATE_DIRECTORY").ToList())
        {
            info.Environment.Remove(key);
        }
        info.Environment["XDG_CACHE_HOME"] = cache;
        return Process.Start(info) ?? throw new InvalidOperationException("could not start " + Binary);
    }

    private static async Task<Uri> ReadListeningAddressAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                // Keep draining stdout so the child never blocks on a full pipe.
                _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                return new Uri(match.Groups[1].Value);
            }
        }
        throw new InvalidOperationException("edgerouter exited before listening: " + await process.StandardError.ReadToEndAsync());
    }

    private static async Task WaitUntilReadyAsync(HttpClient client)
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

    [GeneratedRegex(@"listening on (http://\S+)")]
    private static partial Regex ListeningLine();
}
