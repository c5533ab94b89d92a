using System.Net;
using EdgeRouter.Host;
using EdgeRouter.Tests.Host.Api;
using EdgeRouter.Tests.Cloud.Support;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Host.Observability.Metrics;

/// <summary>GET /metrics on the real router (real Kestrel, real local tier over a fake generator), after real traffic.</summary>
public sealed class MetricsEndpointTests
{
    private const string Chat = """{"model":"local","messages":[{"role":"user","content":"Hi"}]}""";

    [Fact]
    public async Task Scrape_LocalOnlyAfterTraffic_ParsesWithRequestGateAndLocalGenerationFamilies()
    {
        await using var router = await TestRouter.StartAsync();

        using (var chat = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(Chat)))
        {
            Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        }
        using (var generate = await router.Client.PostAsync("/api/generate", ApiAssert.Json("""{"model":"local","prompt":"Hi"}""")))
        {
            Assert.Equal(HttpStatusCode.OK, generate.StatusCode);
            await generate.Content.ReadAsStringAsync();
        }
        using (var bad = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json("{")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }
        using (var unknown = await router.Client.PostAsync("/v1/completions", ApiAssert.Json("""{"model":"no-such-model","prompt":"Hi"}""")))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        var m = await MetricsScrape.ScrapeUntilAsync(router.Client, f => f.Value("edgerouter_requests_total") == 4);

        Assert.Equal(1, m.Requests("openai_chat", "local", "local", "ok"));
        Assert.Equal(1, m.Requests("ollama_generate", "local", "local", "ok"));
        Assert.Equal(1, m.Requests("openai_chat", "none", "none", "client_error"));
        Assert.Equal(1, m.Requests("openai_completions", "unknown", "none", "client_error"));
        Assert.Equal(2, m.Value("edgerouter_local_generations_total"));
        Assert.Equal(4, m.Value("edgerouter_local_completion_tokens_total"));
        Assert.True(m.Value("edgerouter_local_prompt_tokens_total") > 0);
        Assert.Equal(0.04, m.Value("edgerouter_local_prompt_seconds_total"), 9);
        Assert.Equal(0.02, m.Value("edgerouter_local_decode_seconds_total"), 9);
        Assert.Equal(200, m.Value("edgerouter_local_last_decode_tokens_per_second"), 6);
        Assert.Equal(2, m.Value("edgerouter_gate_admitted_total"));
        Assert.Equal(0, m.Value("edgerouter_gate_running"));
        Assert.Equal(2, m.Value("edgerouter_time_to_first_token_seconds", "edgerouter_time_to_first_token_seconds_count", ("tier", "local")));
        Assert.Equal(2, m.Value("edgerouter_router_overhead_seconds", "edgerouter_router_overhead_seconds_count"));
        Assert.Equal(1, m.Value("edgerouter_build_info", ("version", AppVersion.Current)));
        Assert.True(m.Value("edgerouter_start_time_seconds") > 0);
        Assert.Contains("edgerouter_thermal_state", m.Keys);
        Assert.DoesNotContain("edgerouter_upstream_circuit_state", m.Keys);
        Assert.All(m.Keys, name => Assert.StartsWith("edgerouter_", name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scrape_CloudRouteThrottledThenServed_ShowsThrottleFailureFallbackHopCooldownAndUpstreamServe()
    {
        const string route = "cloud-first";
        await using var h = await CloudApiHarness.StartAsync(
            Behaviors.Sequence(Behaviors.Throttled(retryAfter: "1"), Behaviors.Stream("from", " cloud")),
            configJson: baseUrl => $$"""
                {
                  "cloud": {
                    "upstreams": { "{{CloudApiHarness.Upstream}}": { "baseUrl": "{{baseUrl}}", "model": "remote-model", "credential": "none" } },
                    "routes": { "{{route}}": { "chain": ["{{CloudApiHarness.Upstream}}", "local"] } }
                  }
                }
                """);
        var request = $$"""{"model":"{{route}}","messages":[{"role":"user","content":"Hi"}],"stream":true}""";

        using (var throttled = await h.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(request)))
        {
            Assert.Equal(HttpStatusCode.OK, throttled.StatusCode);
            Assert.Equal("local", Assert.Single(throttled.Headers.GetValues("X-EdgeRouter-Tier")));
            Assert.Equal("up-a=http-429", Assert.Single(throttled.Headers.GetValues("X-EdgeRouter-Fallback")));
            await throttled.Content.ReadAsStringAsync();
        }
        var m = await MetricsScrape.ScrapeUntilAsync(h.Client, f => f.Value("edgerouter_requests_total") == 1);

        Assert.Equal(1, m.Requests("openai_chat", route, "local", "ok"));
        Assert.Equal(1, m.Value("edgerouter_fallback_hops_total", ("route", route), ("tier", CloudApiHarness.Upstream), ("reason", "http-429")));
        Assert.Equal(1, m.Value("edgerouter_upstream_failures_total", ("upstream", CloudApiHarness.Upstream), ("class", "throttle")));
        Assert.True(m.Value("edgerouter_failure_domain_cooldown_seconds", ("kind", "throttle")) > 0);
        Assert.Equal(0, m.Value("edgerouter_failure_domain_cooldown_seconds", ("kind", "credential_disabled")));
        Assert.True(m.Value("edgerouter_health_events_total", ("kind", "cooldown")) >= 1);
        Assert.Equal(1, m.Value("edgerouter_upstream_circuit_state", ("upstream", CloudApiHarness.Upstream), ("state", "closed")));
        Assert.Equal(0, m.Value("edgerouter_upstream_circuit_state", ("upstream", CloudApiHarness.Upstream), ("state", "open")));
        Assert.Equal(1, m.Value("edgerouter_upstream_health", ("upstream", CloudApiHarness.Upstream), ("state", "down")));
        Assert.Equal(0, m.Value("edgerouter_upstream_health", ("upstream", CloudApiHarness.Upstream), ("state", "in_service")));
        Assert.Equal(["down", "held", "in_service", "probing"],
            m["edgerouter_upstream_health"].Samples.Select(s => s.Label("state")).Order(StringComparer.Ordinal));
        Assert.Equal(1, m.Value("edgerouter_local_generations_total"));

        // The throttle rests the failure domain for the configured minimum (30 s); after it probes (3 in a row,
        // 10 s apart) bring the upstream back, and then it serves.
        await h.Router.AdvanceAsync(TimeSpan.FromSeconds(31));
        m = await MetricsScrape.ScrapeAsync(h.Client);
        Assert.Equal(1, m.Value("edgerouter_upstream_health", ("upstream", CloudApiHarness.Upstream), ("state", "probing")));
        Assert.Equal(0, m.Value("edgerouter_upstream_health", ("upstream", CloudApiHarness.Upstream), ("state", "down")));
        await h.Router.AdvanceAsync(TimeSpan.FromSeconds(11));
        await h.Router.AdvanceAsync(TimeSpan.FromSeconds(11));
        m = await MetricsScrape.ScrapeAsync(h.Client);
        Assert.Equal(1, m.Value("edgerouter_upstream_health", ("upstream", CloudApiHarness.Upstream), ("state", "in_service")));
        using (var served = await h.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(request)))
        {
            Assert.Equal(CloudApiHarness.Upstream, Assert.Single(served.Headers.GetValues("X-EdgeRouter-Tier")));
            await served.Content.ReadAsStringAsync();
        }
        m = await MetricsScrape.ScrapeUntilAsync(h.Client, f => f.Value("edgerouter_requests_total") == 2);

        Assert.Equal(1, m.Requests("openai_chat", route, CloudApiHarness.Upstream, "ok"));
        Assert.Equal(0, m.Value("edgerouter_failure_domain_cooldown_seconds", ("kind", "throttle")));
        Assert.Equal(1, m.Value("edgerouter_fallback_hops_total"));
        Assert.Equal(1, m.Value("edgerouter_time_to_first_token_seconds", "edgerouter_time_to_first_token_seconds_count",
            ("tier", CloudApiHarness.Upstream)));
        Assert.Equal(1, m.Value("edgerouter_local_generations_total"));
        Assert.Equal(2, m.Value("edgerouter_router_overhead_seconds", "edgerouter_router_overhead_seconds_count"));
    }

    [Fact]
    public async Task Scrape_ClientGoneAndMidStreamFailure_AreCountedWithTheirOutcomes()
    {
        var fake = new FakeTextGenerator();
        await using var router = await TestRouter.StartAsync(fake);
        var stream = """{"model":"local","messages":[{"role":"user","content":"Hi"}],"stream":true}""";

        fake.Hold();
        using (var gone = new CancellationTokenSource())
        {
            var request = router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(stream), gone.Token);
            await fake.WaitForStartAsync();
            await gone.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        }
        await MetricsScrape.ScrapeUntilAsync(router.Client, f => f.Requests("openai_chat", "local", "local", "client_gone") == 1);
        fake.Release();

        fake.Failure = () => new InvalidOperationException("the model broke");
        fake.FailAfterPieces = 1;
        using (var broken = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(stream)))
        {
            Assert.Equal(HttpStatusCode.OK, broken.StatusCode);
            Assert.DoesNotContain("[DONE]", await broken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var m = await MetricsScrape.ScrapeUntilAsync(router.Client, f => f.Value("edgerouter_requests_total") == 2);

        Assert.Equal(1, m.Requests("openai_chat", "local", "local", "stream_error"));
        Assert.Equal(1, m.Requests("openai_chat", "local", "local", "client_gone"));
    }
}
