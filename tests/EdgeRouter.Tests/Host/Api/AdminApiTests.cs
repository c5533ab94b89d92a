using System.Net;
using System.Net.Http.Headers;
using EdgeRouter.Host.Api.Admin;
using EdgeRouter.Host.Security;
using EdgeRouter.Tests.Cloud.Support;
using EdgeRouter.Tests.Support;
using Microsoft.AspNetCore.Http;
using EdgeRouter.Tests.Host.Observability;

namespace EdgeRouter.Tests.Host.Api;

/// <summary>/admin: loopback only, admin token required, every action an event.</summary>
public sealed class AdminApiTests
{
    private static HttpRequestMessage Request(HttpMethod method, string path, string? token, string? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (body is not null)
        {
            request.Content = ApiAssert.Json(body);
        }
        return request;
    }

    [Fact]
    public async Task MissingOrWrongToken_Is401_AndChangesNothing()
    {
        await using var h = await ObservedRouter.StartAsync(Behaviors.Status(200), Behaviors.Status(200));

        using var missing = await h.Client.SendAsync(Request(HttpMethod.Post, "/admin/routes/auto/pin", null, """{"tier":"up-a"}"""));
        await ApiAssert.OpenAiErrorAsync(missing, HttpStatusCode.Unauthorized, "invalid_admin_token");
        using var wrong = await h.Client.SendAsync(Request(HttpMethod.Post, "/admin/routes/auto/pin", "not-the-token", """{"tier":"up-a"}"""));
        await ApiAssert.OpenAiErrorAsync(wrong, HttpStatusCode.Unauthorized, "invalid_admin_token");

        using var status = await h.Client.GetAsync("/status");
        Assert.DoesNotContain("route-pinned", await status.Content.ReadAsStringAsync());
        Assert.Contains(h.Router.Logs.Lines, l => l.Contains("[730]", StringComparison.Ordinal) && l.Contains("refused (401)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PinAndUnpin_WithTheToken_AreAppliedAndBecomeEvents()
    {
        await using var h = await ObservedRouter.StartAsync(Behaviors.Status(200), Behaviors.Status(200));

        using var pin = await h.Client.SendAsync(Request(HttpMethod.Post, "/admin/routes/auto/pin", ObservedRouter.AdminToken, """{"tier":"up-a"}"""));
        Assert.Equal(HttpStatusCode.OK, pin.StatusCode);
        Assert.Equal("route auto pinned to up-a", (await ApiAssert.ReadJsonAsync(pin)).GetProperty("message").GetString());

        using (var status = await h.Client.GetAsync("/status"))
        {
            var json = await ApiAssert.ReadJsonAsync(status);
            var auto = json.GetProperty("routes").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "auto");
            Assert.Equal("up-a", auto.GetProperty("pinned").GetString());
            var pinned = json.GetProperty("transitions")[0];
            Assert.Equal("route-pinned", pinned.GetProperty("kind").GetString());
            Assert.Equal("pinned to up-a", pinned.GetProperty("reason").GetString());
        }

        using var unpin = await h.Client.SendAsync(Request(HttpMethod.Delete, "/admin/routes/auto/pin", ObservedRouter.AdminToken));
        Assert.Equal(HttpStatusCode.OK, unpin.StatusCode);
        Assert.Contains(h.Router.Logs.Lines, l => l.Contains("[710] Route auto unpinned", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClearCooldownAndResetBreaker_WithTheToken_ReturnTheUpstreamAndBecomeEvents()
    {
        await using var h = await ObservedRouter.StartAsync(Behaviors.Throttled("60"), Behaviors.Status(200));
        using (await h.ChatUpstreamAsync())
        {
        }

        using var clear = await h.Client.SendAsync(Request(HttpMethod.Post, "/admin/upstreams/up-a/clear-cooldown", ObservedRouter.AdminToken));
        Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
        using var reset = await h.Client.SendAsync(Request(HttpMethod.Post, "/admin/upstreams/up-a/reset-breaker", ObservedRouter.AdminToken));
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);

        using var status = await h.Client.GetAsync("/status");
        var json = await ApiAssert.ReadJsonAsync(status);
        Assert.Equal("up", json.GetProperty("tiers").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "up-a").GetProperty("state").GetString());
        var kinds = json.GetProperty("transitions").EnumerateArray().Select(t => t.GetProperty("kind").GetString()).ToList();
        Assert.Equal("breaker-reset", kinds[0]);
        Assert.Equal("cooldown-cleared", kinds[1]);
    }

    [Fact]
    public async Task UnknownUpstream_Is400WithTheReason()
    {
        await using var h = await ObservedRouter.StartAsync(Behaviors.Status(200), Behaviors.Status(200));
        using var response = await h.Client.SendAsync(Request(HttpMethod.Post, "/admin/upstreams/nope/reset-breaker", ObservedRouter.AdminToken));
        var error = await ApiAssert.OpenAiErrorAsync(response, HttpStatusCode.BadRequest, "admin_refused");
        Assert.Contains("'nope' is not an upstream", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task WithoutAConfiguredToken_AdminIsOffAndSaysHowToEnableIt()
    {
        await using var h = await ObservedRouter.StartAsync(Behaviors.Status(200), Behaviors.Status(200), admin: false);
        using var response = await h.Client.SendAsync(Request(HttpMethod.Post, "/admin/upstreams/up-a/reset-breaker", "anything"));
        var error = await ApiAssert.OpenAiErrorAsync(response, HttpStatusCode.NotFound, "admin_disabled");
        Assert.Contains("tokenSha256", error.GetProperty("message").GetString());
    }

    [Fact]
    public void NonLoopbackCaller_Is403EvenWithTheToken()
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.10");
        context.Request.Headers.Authorization = "Bearer " + ObservedRouter.AdminToken;
        var config = new AdminConfig { TokenSha256 = KeyHash.Of(ObservedRouter.AdminToken) };

        Assert.Equal(StatusCodes.Status403Forbidden, AdminGuard.Check(context, config)?.Status);

        context.Connection.RemoteIpAddress = IPAddress.Parse("::ffff:127.0.0.1");
        Assert.Null(AdminGuard.Check(context, config));
    }
}
