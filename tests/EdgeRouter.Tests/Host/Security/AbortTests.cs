using System.Net;
using EdgeRouter.Cloud.Tiers;
using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Routing;
using EdgeRouter.Host.Hosting;
using EdgeRouter.Tests.Host.Api;
using EdgeRouter.Tests.Cloud.Support;
using EdgeRouter.Tests.Host.Observability.Metrics;
using EdgeRouter.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EdgeRouter.Tests.Host.Security;

/// <summary>
/// Requests cancelled at seeded random moments (before sending, while queued, during prefill, mid-stream) over real
/// HTTP. Afterwards nothing is held: the gate has no running or queued work, the upstream has no permits in flight,
/// the worker is alive and idle, and the next request is served normally.
/// </summary>
public sealed class AbortTests
{
    private const int Seed = 8_003;

    private static readonly string[] Endpoints = ["/v1/chat/completions", "/v1/completions", "/api/chat", "/api/generate"];

    [Fact]
    public async Task ThousandRandomAborts_OnTheLocalTier_LeaveNothingHeld()
    {
        var fake = new FakeTextGenerator(contextLength: 4096)
        {
            Pieces = [.. Enumerable.Range(0, 12).Select(i => $" t{i}")],
            PrefillDelay = TimeSpan.FromMilliseconds(3),
            TokenDelay = TimeSpan.FromMilliseconds(1),
        };
        await using var router = await TestRouter.StartAsync(fake, args: ["--queue-length", "4"]);

        var outcomes = await AbortManyAsync(router.Client, "local", Seed, count: 1000, parallelism: 8);

        Assert.True(outcomes.MidBody > 0 && outcomes.BeforeAnswer > 0, outcomes.ToString());
        await BusyTests.WaitUntilAsync(() => router.Router.LocalGate!.Snapshot() is { Running: 0, Queued: 0 });
        var runtime = router.Router.Services.GetRequiredService<LocalTierRuntime>();
        Assert.True(runtime.IsWorkerAlive);
        Assert.True(runtime.IsIdle);
        Assert.True(fake.CancelledGenerations > 0, outcomes.ToString());
        await AssertServedAsync(router.Client, "local");
    }

    [Fact]
    public async Task RandomAborts_OnACloudRoute_ReturnEveryUpstreamPermit()
    {
        UpstreamBehavior slowStream = async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync(Behaviors.RoleFrame, context.RequestAborted);
            for (var i = 0; i < 8; i++)
            {
                await Task.Delay(2, context.RequestAborted);
                await context.Response.WriteAsync(Behaviors.ContentFrame($" u{i}"), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
            await context.Response.WriteAsync(Behaviors.FinishFrame + "data: [DONE]\n\n", context.RequestAborted);
        };
        await using var harness = await CloudApiHarness.StartAsync(slowStream);

        var outcomes = await AbortManyAsync(harness.Client, CloudApiHarness.Upstream, Seed + 1, count: 300, parallelism: 4);

        Assert.True(outcomes.BeforeAnswer > 0, outcomes.ToString());
        var upstreams = harness.Router.Router.Services.GetRequiredService<UpstreamFleet>();
        await BusyTests.WaitUntilAsync(() => upstreams.UpstreamStatuses().All(s => s.InFlight == 0));
        await AssertServedAsync(harness.Client, CloudApiHarness.Upstream);
    }

    [Fact]
    public async Task RandomAborts_OnTheRealTinyModel_LeaveItServing()
    {
        var cache = Directory.CreateTempSubdirectory("edgerouter-aborts-").FullName;
        using var process = EdgeRouterProcess.Start(["--listen", "127.0.0.1:0", "--ctx", "256", "--queue-length", "2", "--max-wait", "30"], cache);
        try
        {
            var address = await EdgeRouterProcess.ReadListeningAddressAsync(process);
            using var client = TestRouter.CreateClient(address);
            await EdgeRouterProcess.WaitUntilReadyAsync(client);

            var outcomes = await AbortManyAsync(client, "local", Seed + 2, count: 100, parallelism: 3, maxTokens: 48);

            Assert.True(outcomes.BeforeAnswer + outcomes.MidBody > 0, outcomes.ToString());
            // The server notices a closed connection a moment after the client closed it: until then the slot and the
            // queue are honestly full, and a request is refused. A leaked slot would never empty them (a timeout here).
            await MetricsScrape.ScrapeUntilAsync(client,
                m => m.Value("edgerouter_gate_running") == 0 && m.Value("edgerouter_gate_queued") == 0);
            await AssertServedAsync(client, "local");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(cache, recursive: true);
        }
    }

    private sealed record Outcomes(int Completed, int Refused, int BeforeAnswer, int MidBody)
    {
        public override string ToString() => $"completed {Completed}, refused {Refused}, aborted before an answer {BeforeAnswer}, aborted mid-body {MidBody}";
    }

    private static async Task<Outcomes> AbortManyAsync(HttpClient client, string model, int seed, int count, int parallelism, int maxTokens = 12)
    {
        var random = new Random(seed);
        var plans = Enumerable.Range(0, count).Select(_ => (
            Endpoint: Endpoints[random.Next(Endpoints.Length)],
            Stream: random.Next(2) == 0,
            // 0: cancelled before it is sent; otherwise after 0-40 ms (queued, prefill or generating).
            CancelAfterMs: random.Next(6) == 0 ? 0 : random.Next(0, 40),
            // Streams: read this many bytes, then drop the connection (a client leaving mid-stream).
            ReadBytes: random.Next(3) == 0 ? -1 : random.Next(1, 400))).ToList();
        int completed = 0, refused = 0, beforeAnswer = 0, midBody = 0;

        await Parallel.ForEachAsync(plans, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (plan, _) =>
        {
            using var cancel = new CancellationTokenSource();
            if (plan.CancelAfterMs == 0)
            {
                cancel.Cancel();
            }
            else
            {
                cancel.CancelAfter(plan.CancelAfterMs);
            }
            using var request = new HttpRequestMessage(HttpMethod.Post, plan.Endpoint) { Content = ApiAssert.Json(Body(plan.Endpoint, model, plan.Stream, maxTokens)) };
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref beforeAnswer);
                return;
            }
            using (response)
            {
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{plan}: {(int)response.StatusCode}");
                    Interlocked.Increment(ref refused);
                    return;
                }
                try
                {
                    await using var body = await response.Content.ReadAsStreamAsync(cancel.Token);
                    var buffer = new byte[64];
                    var read = 0;
                    while (plan.ReadBytes < 0 || read < plan.ReadBytes)
                    {
                        var n = await body.ReadAsync(buffer, cancel.Token);
                        if (n == 0)
                        {
                            Interlocked.Increment(ref completed);
                            return;
                        }
                        read += n;
                    }
                    Interlocked.Increment(ref midBody);
                }
                catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
                {
                    Interlocked.Increment(ref midBody);
                }
            }
        });
        return new Outcomes(completed, refused, beforeAnswer, midBody);
    }

    private static string Body(string endpoint, string model, bool stream, int maxTokens)
    {
        var s = stream ? "true" : "false";
        return endpoint switch
        {
            "/v1/chat/completions" => $$"""{"model":"{{model}}","messages":[{"role":"user","content":"hello"}],"max_tokens":{{maxTokens}},"stream":{{s}}}""",
            "/v1/completions" => $$"""{"model":"{{model}}","prompt":"hello","max_tokens":{{maxTokens}},"stream":{{s}}}""",
            "/api/chat" => $$"""{"model":"{{model}}","messages":[{"role":"user","content":"hello"}],"options":{"num_predict":{{maxTokens}}},"stream":{{s}}}""",
            _ => $$"""{"model":"{{model}}","prompt":"hello","options":{"num_predict":{{maxTokens}}},"stream":{{s}}}""",
        };
    }

    private static async Task AssertServedAsync(HttpClient client, string model)
    {
        using var response = await client.PostAsync("/v1/chat/completions",
            ApiAssert.Json($$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}],"max_tokens":3}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = (await ApiAssert.ReadJsonAsync(response)).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        Assert.NotNull(text);
    }
}
