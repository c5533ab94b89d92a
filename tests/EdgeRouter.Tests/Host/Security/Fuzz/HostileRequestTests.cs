using System.Net;
using EdgeRouter.Tests.Support;
using Xunit;
using EdgeRouter.Tests.Host.Api;

namespace EdgeRouter.Tests.Host.Security.Fuzz;

/// <summary>
/// Thousands of seeded hostile requests over real HTTP against a real Kestrel router: every answer is a 4xx in the
/// surface's own error shape (or a success, or an honest 503), never a 5xx, a hang, or a slot left taken.
/// Reproduce a failure with the printed seed: EDGEROUTER_FUZZ_SEED=N.
/// </summary>
public sealed class HostileRequestTests
{
    private const int DefaultSeed = 20_261_122;

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
            Assert.Null(HostileAnswer.ShapeProblem(path.StartsWith("/v1", StringComparison.Ordinal), await response.Content.ReadAsStringAsync()));
        }
        Assert.Equal(0, router.Fake.Generations);
    }

    /// <summary>The body with 0xC3 0x28 (a lead byte without its continuation) inside its last string.</summary>
    private static byte[] InsertInvalidUtf8(byte[] json)
    {
        var at = Array.LastIndexOf(json, (byte)'"');
        return [.. json.AsSpan(0, at), 0xC3, 0x28, .. json.AsSpan(at)];
    }

    private static Task FuzzAsync(HttpClient client, int seed, int count, int parallelism)
    {
        var generator = new HostileBody(seed);
        var requests = Enumerable.Range(0, count).Select(i => i % 500 == 250 ? TenMegabyteBody(i) : generator.Next()).ToList();
        return HostileAnswer.AllAcceptableAsync(client, seed, requests, parallelism);
    }

    private static HostileRequest TenMegabyteBody(int i)
    {
        var path = i % 1000 == 250 ? "/v1/chat/completions" : "/api/chat";
        var prefix = """{"model":"local","messages":[{"role":"user","content":" """u8.ToArray();
        var body = new byte[HostileAnswer.TenMegabytes + 16];
        prefix.CopyTo(body, 0);
        body.AsSpan(prefix.Length).Fill((byte)'a');
        return new HostileRequest("POST", path, body, "application/json", "10 MB body");
    }

    internal static async Task AssertServesNormallyAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/v1/chat/completions",
            ApiAssert.Json("""{"model":"local","messages":[{"role":"user","content":"hi"}],"max_tokens":2}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("chat.completion", (await ApiAssert.ReadJsonAsync(response)).GetProperty("object").GetString());
    }
}
