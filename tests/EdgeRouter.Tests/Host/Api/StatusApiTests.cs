using System.Net;
using System.Text.Json;
using EdgeRouter.Host.Cli;
using EdgeRouter.Tests.Cloud.Support;
using EdgeRouter.Tests.Support;
using EdgeRouter.Tests.Host.Observability;

namespace EdgeRouter.Tests.Host.Api;

/// <summary>GET /status, GET /ui and `edgerouter status` against the running router.</summary>
public sealed class StatusApiTests
{
    private static async Task<JsonElement> StatusAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/status");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ApiAssert.ReadJsonAsync(response);
    }

    private static JsonElement Tier(JsonElement status, string name) =>
        status.GetProperty("tiers").EnumerateArray().Single(t => t.GetProperty("name").GetString() == name);

    [Fact]
    public async Task ThrottledUpstream_StatusShowsItCoolingWithExpiryAndTheTransition_NoSecrets()
    {
        await using var h = await ObservedRouter.StartAsync(Behaviors.Throttled("60"), Behaviors.Status(200));
        using (var failed = await h.ChatUpstreamAsync())
        {
            Assert.NotEqual(HttpStatusCode.OK, failed.StatusCode);
        }

        using var raw = await h.Client.GetAsync("/status");
        var body = await raw.Content.ReadAsStringAsync();
        Assert.DoesNotContain(ObservedRouter.SecretKey, body);
        Assert.DoesNotContain(h.WebhookScenario, body);
        var status = JsonDocument.Parse(body).RootElement;

        Assert.Equal("fake-model", status.GetProperty("model").GetProperty("name").GetString());
        Assert.Equal("ready", status.GetProperty("model").GetProperty("state").GetString());
        Assert.Equal(h.Router.Router.Address.ToString().TrimEnd('/'), status.GetProperty("listen").GetString());
        var gate = status.GetProperty("gate");
        Assert.Equal(0, gate.GetProperty("running").GetInt32());
        Assert.Equal(2, gate.GetProperty("queue_length").GetInt32());
        Assert.Equal("normal", status.GetProperty("thermal").GetProperty("level").GetString());

        Assert.Equal("ready", Tier(status, "local").GetProperty("state").GetString());
        var upstream = Tier(status, ObservedRouter.Upstream);
        Assert.Equal("upstream", upstream.GetProperty("kind").GetString());
        Assert.Equal("cooling", upstream.GetProperty("state").GetString());
        Assert.Equal("throttle", upstream.GetProperty("cooldown").GetProperty("kind").GetString());
        var until = upstream.GetProperty("until").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromSeconds(60), until - h.Router.Time.GetUtcNow());
        Assert.Equal("Closed", upstream.GetProperty("circuit").GetString());
        Assert.Equal($"env:{h.KeyVariable}", upstream.GetProperty("credential").GetString());

        var auto = status.GetProperty("routes").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "auto");
        Assert.Equal(["local", ObservedRouter.Upstream], auto.GetProperty("chain").EnumerateArray().Select(t => t.GetString()));
        Assert.True(status.TryGetProperty("retry_budget", out _));

        var transition = status.GetProperty("transitions").EnumerateArray()
            .First(t => t.GetProperty("kind").GetString() == "cooldown");
        Assert.Equal("throttle", transition.GetProperty("class").GetString());
        Assert.Equal("warning", transition.GetProperty("severity").GetString());
        Assert.Contains(status.GetProperty("transitions").EnumerateArray(), t => t.GetProperty("kind").GetString() == "model-loaded");
        Assert.Contains(h.Router.Logs.Lines, l => l.Contains("[702]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThrottledUpstream_HealthIsDownUntilTheCooldownEnds_ThenProbing()
    {
        await using var h = await ObservedRouter.StartAsync(Behaviors.Sequence(Behaviors.Throttled("60"), Behaviors.Stream("ok")),
            Behaviors.Status(200));
        var start = h.Router.Time.GetUtcNow();
        using (var failed = await h.ChatUpstreamAsync())
        {
            Assert.NotEqual(HttpStatusCode.OK, failed.StatusCode);
        }

        var down = Tier(await StatusAsync(h.Client), ObservedRouter.Upstream).GetProperty("health");
        Assert.Equal("down", down.GetProperty("state").GetString());
        Assert.Equal(start + TimeSpan.FromSeconds(60), down.GetProperty("next_probe").GetDateTimeOffset());
        Assert.Equal(0, down.GetProperty("probe_successes").GetInt32());
        Assert.Equal(3, down.GetProperty("successes_to_recover").GetInt32());
        Assert.Equal(1, down.GetProperty("transitions").GetInt32());
        Assert.False(Tier(await StatusAsync(h.Client), "local").TryGetProperty("health", out _));

        // The cooldown is over: the first probe (the route's real request) succeeds, and the tier waits for two more.
        await h.Router.AdvanceAsync(TimeSpan.FromSeconds(61));
        var tier = Tier(await StatusAsync(h.Client), ObservedRouter.Upstream);
        var probing = tier.GetProperty("health");
        Assert.Equal("probing", probing.GetProperty("state").GetString());
        Assert.Equal("probing", tier.GetProperty("state").GetString());
        Assert.Equal(1, probing.GetProperty("probe_successes").GetInt32());
        Assert.Equal(h.Router.Time.GetUtcNow() + TimeSpan.FromSeconds(10), probing.GetProperty("next_probe").GetDateTimeOffset());
        Assert.Equal(1, probing.GetProperty("transitions").GetInt32());
        Assert.Equal(1, h.Faulty.Probes(h.UpstreamScenario));

        var stdout = new StringWriter();
        Assert.Equal(0, await CliApp.RunAsync(["status", "--url", h.Router.Router.Address.ToString()], stdout, new StringWriter()));
        Assert.Contains("HEALTH", stdout.ToString());
        Assert.Matches(@"up-a\s+probing\s+in 10s\s+probing 1/3\s+in 10s\s+1\s", stdout.ToString());
        Assert.Matches(@"local\s+ready\s+-\s+-\s+-\s+-", stdout.ToString());
    }

    [Fact]
    public async Task LocalOnly_StatusHasTheLocalTierAndNoRoutes()
    {
        await using var router = await TestRouter.StartAsync();
        var status = await StatusAsync(router.Client);

        Assert.Equal("local", Assert.Single(status.GetProperty("tiers").EnumerateArray()).GetProperty("name").GetString());
        Assert.Empty(status.GetProperty("routes").EnumerateArray());
        Assert.False(status.TryGetProperty("alerts", out _));
        Assert.False(status.TryGetProperty("retry_budget", out _));
    }

    [Fact]
    public async Task WebhookThatNeverAnswers_RequestsStillComplete()
    {
        await using var h = await ObservedRouter.StartAsync(Behaviors.Throttled("60"), Behaviors.Hang);
        using (var first = await h.ChatUpstreamAsync())
        {
            Assert.NotEqual(HttpStatusCode.OK, first.StatusCode);
        }
        await h.Faulty.WaitForRequests(h.WebhookScenario, 1);

        // The sender is stuck on the webhook; events keep coming and requests keep being answered.
        for (var i = 0; i < 5; i++)
        {
            using var local = await h.ChatLocalAsync();
            Assert.Equal(HttpStatusCode.OK, local.StatusCode);
            using var cooling = await h.ChatUpstreamAsync();
            Assert.NotEqual(HttpStatusCode.OK, cooling.StatusCode);
        }
        var status = await StatusAsync(h.Client);
        Assert.Equal(0, status.GetProperty("alerts").GetProperty("sent").GetInt64());
    }

    [Fact]
    public async Task Ui_IsOneSelfContainedPageWithAStrictPolicy()
    {
        await using var router = await TestRouter.StartAsync();
        using var response = await router.Client.GetAsync("/ui");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("script-src 'sha256-", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("src=\"http", html);
        Assert.DoesNotContain("href=\"http", html);
        Assert.Contains("fetch('/status'", html);
    }

    [Fact]
    public async Task StatusCommand_PrintsTheRunningServicesTiersAndTransitions()
    {
        await using var h = await ObservedRouter.StartAsync(Behaviors.Throttled("60"), Behaviors.Status(200));
        using (await h.ChatUpstreamAsync())
        {
        }
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await CliApp.RunAsync(["status", "--url", h.Router.Router.Address.ToString()], stdout, stderr);

        Assert.Equal(0, code);
        var text = stdout.ToString();
        Assert.Contains("TIER", text);
        Assert.Matches(@"up-a\s+cooling\s+in 1m00s", text);
        Assert.Matches(@"local\s+ready", text);
        Assert.Contains("gate     0 running, 0/2 queued", text);
        Assert.Contains("thermal  normal", text);
        Assert.Matches(@"auto\s+local > up-a", text);
        Assert.Contains("cooldown (throttle)", text);
        Assert.DoesNotContain(ObservedRouter.SecretKey, text);
        Assert.Equal("", stderr.ToString());
    }

    [Fact]
    public async Task StatusCommand_Json_PrintsTheDocument()
    {
        await using var router = await TestRouter.StartAsync();
        var stdout = new StringWriter();
        var code = await CliApp.RunAsync(["status", "--json", "--url", router.Router.Address.ToString()], stdout, new StringWriter());
        Assert.Equal(0, code);
        Assert.Equal("local", JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("tiers")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task StatusCommand_NothingListening_ExitsOneWithAClearMessage()
    {
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(["status", "--url", $"127.0.0.1:{FaultyUpstream.ClosedPort()}"], new StringWriter(), stderr);
        Assert.Equal(1, code);
        Assert.Contains("nothing answers at http://127.0.0.1:", stderr.ToString());
        Assert.Contains("is the service running?", stderr.ToString());
    }
}
