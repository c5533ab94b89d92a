using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using EdgeRouter.Tests.Api;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Security.Fuzz;

/// <summary>
/// Thousands of seeded hostile requests over real HTTP against a real Kestrel router: every answer is a 4xx in the
/// surface's own error shape (or a success, or an honest 503), never a 5xx, a hang, or a slot left taken.
/// Reproduce a failure with the printed seed: EDGEROUTER_FUZZ_SEED=N.
/// </summary>
public sealed class HostileRequestTests
{
    private const int DefaultSeed = 20_261_122;
    private const int TenMegabytes = 10 * 1024 * 1024;

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("EDGEROUTER_FUZZ_SEED"), out var seed) ? seed : DefaultSeed;

    [Fact]
    public async Task FakeModel_ThousandsOfHostileRequests_OnlyShaped4xx_NoLeakedSlot()
    {
        var fake = new FakeTextGenerator(contextLength: 4096) { Pieces = ["a", "b", "c"] };
        await using var router = await TestRouter.StartAsync(fake, args: ["--queue-length", "16"]);

        await FuzzAsync(router.Client, Seed, count: 3000, parallelism: 4);

        await BusyTests.WaitUntilAsync(() => router.Router.LocalGate!.Snapshot() is { Running: 0, Queued: 0 });
        await AssertServesNormallyAsync(router.Client);
    }

    [Fact]
    public async Task RealTinyModel_HostileRequests_OnlyShaped4xx_StillServes()
    {
        var cache = Directory.CreateTempSubdirectory("edgerouter-fuzz-").FullName;
        using var process = EdgeRouterProcess.Start(["--listen", "127.0.0.1:0", "--ctx", "256", "--queue-length", "4"], cache);
        try
        {
            var address = await EdgeRouterProcess.ReadListeningAddressAsync(process);
            using var client = TestRouter.CreateClient(address);
            await EdgeRouterProcess.WaitUntilReadyAsync(client);

            await FuzzAsync(client, Seed + 1, count: 200, parallelism: 2);

            await AssertServesNormallyAsync(client);
            Assert.False(process.HasExited);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(cache, recursive: true);
        }
    }

    [Theory]
    [InlineData("/v1/chat/completions", "{\"model\":\"local\",\"messages\":[{\"role\":\"user\",\"content\":\"h\\ud800i\"}]}")]
    [InlineData("/v1/chat/completions", "{\"model\":\"local\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stop\":[\"\\udfff\"]}")]
    [InlineData("/v1/completions", "{\"model\":\"local\",\"prompt\":\"\\ud800\"}")]
    [InlineData("/api/chat", "{\"model\":\"local\",\"messages\":[{\"role\":\"user\",\"content\":\"\\udc00\"}]}")]
    [InlineData("/api/generate", "{\"model\":\"local\",\"prompt\":\"x\",\"options\":{\"stop\":[\"\\ud800\"]}}")]
    public async Task InvalidUtf8OrUnpairedSurrogate_Gets400InTheSurfacesShape(string path, string json)
    {
        await using var router = await TestRouter.StartAsync();
        var raw = System.Text.Encoding.UTF8.GetBytes(json);

        foreach (var body in new[] { raw, InsertInvalidUtf8(raw) })
        {
            using var response = await router.Client.PostAsync(path, new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Null(ShapeProblem(path.StartsWith("/v1", StringComparison.Ordinal), await response.Content.ReadAsStringAsync()));
        }
        Assert.Equal(0, router.Fake.Generations);
    }

    /// <summary>The body with 0xC3 0x28 (a lead byte without its continuation) inside its last string.</summary>
    private static byte[] InsertInvalidUtf8(byte[] json)
    {
        var at = Array.LastIndexOf(json, (byte)'"');
        return [.. json.AsSpan(0, at), 0xC3, 0x28, .. json.AsSpan(at)];
    }

    private static async Task FuzzAsync(HttpClient client, int seed, int count, int parallelism)
    {
        var generator = new HostileBody(seed);
        var requests = Enumerable.Range(0, count).Select(i => i % 500 == 250 ? TenMegabyteBody(i) : generator.Next()).ToList();
        var failures = new List<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, _) =>
        {
            if (await CheckAsync(client, requests[i]) is { } problem)
            {
                lock (failures)
                {
                    failures.Add($"#{i} {requests[i].Method} {requests[i].Path} [{requests[i].Recipe}]: {problem}");
                }
            }
        });
        Assert.True(failures.Count == 0,
            $"seed {seed} (EDGEROUTER_FUZZ_SEED={seed}): {failures.Count} bad answers, first ones:\n{string.Join("\n", failures.Take(15))}");
    }

    /// <summary>Null when the answer is acceptable, else what is wrong with it.</summary>
    private static async Task<string?> CheckAsync(HttpClient client, HostileRequest hostile)
    {
        using var request = new HttpRequestMessage(new HttpMethod(hostile.Method), hostile.Path);
        if (hostile.Method == "POST")
        {
            request.Content = new ByteArrayContent(hostile.Body);
            if (hostile.ContentType is { } type)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            }
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        HttpResponseMessage response;
        string body;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            body = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return "no answer within 30 s";
        }
        catch (HttpRequestException) when (hostile.Body.Length >= TenMegabytes)
        {
            // Kestrel may answer 413 and close while the client is still sending; a reset is an acceptable refusal here.
            return null;
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            if (hostile.Body.Length >= TenMegabytes && status != 413)
            {
                return $"a 10 MB body got {status}, not 413";
            }
            if (status >= 500 && status != 503)
            {
                return $"{status}: {Truncate(body)}";
            }
            if (status >= 400)
            {
                return ShapeProblem(hostile.IsOpenAi, body) is { } shape ? $"{status} not in the surface's error shape ({shape}): {Truncate(body)}" : null;
            }
            return status == 200 ? null : $"unexpected status {status}";
        }
    }

    private static string? ShapeProblem(bool openAi, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error))
            {
                return "no error member";
            }
            if (!openAi)
            {
                return error.ValueKind == JsonValueKind.String && error.GetString()!.Length > 0 ? null : "error is not a message";
            }
            return error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                && error.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
                ? null
                : "error lacks message or type";
        }
        catch (JsonException)
        {
            return "not JSON";
        }
    }

    private static HostileRequest TenMegabyteBody(int i)
    {
        var path = i % 1000 == 250 ? "/v1/chat/completions" : "/api/chat";
        var prefix = """{"model":"local","messages":[{"role":"user","content":" """u8.ToArray();
        var body = new byte[TenMegabytes + 16];
        prefix.CopyTo(body, 0);
        body.AsSpan(prefix.Length).Fill((byte)'a');
        return new HostileRequest("POST", path, body, "application/json", "10 MB body");
    }

    private static async Task AssertServesNormallyAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/v1/chat/completions",
            ApiAssert.Json("""{"model":"local","messages":[{"role":"user","content":"hi"}],"max_tokens":2}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("chat.completion", (await ApiAssert.ReadJsonAsync(response)).GetProperty("object").GetString());
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
