using System.Diagnostics;
using System.Net;
using System.Text;
using EdgeRouter.Host.Security;
using EdgeRouter.Tests.Cloud.Support;
using EdgeRouter.Tests.Support;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace EdgeRouter.Tests.Host.Security;

/// <summary>
/// The real binary at Debug log level, with an upstream credential, an API key and a prompt that are unique strings,
/// driven through successes, errors and streams on both surfaces against upstreams that echo the Authorization header
/// back in their errors. Every byte the router emits (log lines, response bodies and headers) is then searched.
/// </summary>
public sealed class SecretHygieneTests
{
    private const string CredentialVariable = "HYGIENE_UPSTREAM_KEY";

    private static readonly string[] Upstreams = ["up-ok", "up-400", "up-500", "up-401", "up-midstream", "up-json-error"];

    [Fact]
    public async Task SecretsAndPrompts_NeverAppearInLogsResponsesOrHeaders()
    {
        var upstreamSecret = "sk-hygiene-" + Guid.NewGuid().ToString("N");
        var apiToken = "er_hygiene-" + Guid.NewGuid().ToString("N");
        var wrongToken = "er_wrong-" + Guid.NewGuid().ToString("N");
        var prompt = "prompt-" + Guid.NewGuid().ToString("N");

        await using var upstream = await FaultyUpstream.StartAsync();
        upstream.Set("up-ok", Behaviors.Stream("fine", " answer"));
        upstream.Set("up-400", EchoAuthorization(StatusCodes.Status400BadRequest));
        upstream.Set("up-500", EchoAuthorization(StatusCodes.Status500InternalServerError));
        upstream.Set("up-401", EchoAuthorization(StatusCodes.Status401Unauthorized));
        upstream.Set("up-midstream", MidStreamEcho);
        upstream.Set("up-json-error", (context, _) => Behaviors.Status(200, ErrorJson(context), contentType: "application/json")(context, 0));

        var directory = Directory.CreateTempSubdirectory("edgerouter-hygiene-").FullName;
        var config = Path.Join(directory, "config.json");
        await File.WriteAllTextAsync(config, ConfigJson(upstream, KeyHash.Of(apiToken)));
        var logs = new StringBuilder();
        var responses = new StringBuilder();
        using var process = EdgeRouterProcess.Start(["--config", config, "--listen", "127.0.0.1:0", "--ctx", "256"], directory,
            new Dictionary<string, string> { [CredentialVariable] = upstreamSecret, ["Logging__LogLevel__Default"] = "Debug" });
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            var address = await EdgeRouterProcess.ReadListeningAddressAsync(process, line => { lock (logs) { logs.AppendLine(line); } });
            using var client = TestRouter.CreateClient(address);
            await EdgeRouterProcess.WaitUntilReadyAsync(client);
            client.DefaultRequestHeaders.Authorization = new("Bearer", apiToken);

            async Task Send(HttpMethod method, string path, string? body = null, string? token = null)
            {
                using var request = new HttpRequestMessage(method, path);
                if (body is not null)
                {
                    request.Content = ApiAssert.Json(body);
                }
                if (token is not null)
                {
                    request.Headers.Authorization = new("Bearer", token);
                }
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                Assert.True((int)response.StatusCode < 500 || response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable,
                    $"{path}: {(int)response.StatusCode} {text}");
                responses.AppendLine($"{method} {path} -> {(int)response.StatusCode}")
                    .AppendLine(response.Headers.ToString()).AppendLine(response.Content.Headers.ToString()).AppendLine(text);
            }

            foreach (var model in (string[])["local", .. Upstreams])
            {
                foreach (var stream in new[] { false, true })
                {
                    var messages = $$"""[{"role":"user","content":"{{prompt}}"}]""";
                    var s = stream ? "true" : "false";
                    await Send(HttpMethod.Post, "/v1/chat/completions", $$"""{"model":"{{model}}","messages":{{messages}},"max_tokens":4,"stream":{{s}}}""");
                    await Send(HttpMethod.Post, "/v1/completions", $$"""{"model":"{{model}}","prompt":"{{prompt}}","max_tokens":4,"stream":{{s}}}""");
                    await Send(HttpMethod.Post, "/api/chat", $$"""{"model":"{{model}}","messages":{{messages}},"options":{"num_predict":4},"stream":{{s}}}""");
                    await Send(HttpMethod.Post, "/api/generate", $$"""{"model":"{{model}}","prompt":"{{prompt}}","options":{"num_predict":4},"stream":{{s}}}""");
                }
            }
            await Send(HttpMethod.Post, "/v1/chat/completions", $$"""{"model":"local","messages":[{"role":"user","content":"{{prompt}}"}],"max_tokens":"x"}""");
            await Send(HttpMethod.Post, "/v1/chat/completions", $$"""{"model":"nope","messages":[{"role":"user","content":"{{prompt}}"}]}""");
            await Send(HttpMethod.Post, "/api/chat", "{\"model\":\"local\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt);
            await Send(HttpMethod.Post, "/v1/chat/completions", $$"""{"model":"local","messages":[{"role":"user","content":"{{prompt}}"}]}""", wrongToken);
            await Send(HttpMethod.Post, "/api/generate", $$"""{"model":"local","prompt":"{{prompt}}"}""", wrongToken);
            foreach (var path in new[] { "/v1/models", "/v1/models/up-ok", "/api/tags", "/api/ps", "/api/version", "/readyz", "/healthz", "/status", "/metrics", "/" })
            {
                await Send(HttpMethod.Get, path);
            }
            await Send(HttpMethod.Post, "/api/show", """{"model":"up-ok"}""");

            Assert.All(Upstreams, name => Assert.Contains(upstream.Received(name), r => r.Authorization == "Bearer " + upstreamSecret));
        }
        finally
        {
            await StopAsync(process);
        }

        var everything = logs + "\n" + await stderr + "\n" + responses;
        Assert.Contains(" 400", responses.ToString());
        Assert.Contains("[redacted]", responses.ToString());
        Assert.Contains("dbug:", everything);
        foreach (var (label, secret) in new[] { ("upstream credential", upstreamSecret), ("API key", apiToken), ("wrong API key", wrongToken) })
        {
            Assert.False(everything.Contains(secret, StringComparison.Ordinal), $"the {label} leaked:\n{Around(everything, secret)}");
        }
        var logText = logs + "\n" + await stderr;
        Assert.False(logText.Contains(prompt, StringComparison.Ordinal), $"a prompt was logged:\n{Around(logText, prompt)}");
        Directory.Delete(directory, recursive: true);
    }

    private static string ErrorJson(HttpContext context) =>
        $$$"""{"error":{"message":"rejected key {{{context.Request.Headers.Authorization}}}","type":"invalid_request_error","code":"invalid_api_key"}}""";

    private static UpstreamBehavior EchoAuthorization(int status) => (context, _) => Behaviors.Status(status, ErrorJson(context))(context, 0);

    private static async Task MidStreamEcho(HttpContext context, int requestNumber)
    {
        context.Response.ContentType = "text/event-stream";
        await context.Response.WriteAsync(Behaviors.RoleFrame + Behaviors.ContentFrame("partial"));
        await context.Response.WriteAsync($"data: {ErrorJson(context)}\n\n");
    }

    private static string ConfigJson(FaultyUpstream upstream, string keyHash)
    {
        var upstreams = string.Join(",\n", Upstreams.Select(name =>
            $$"""    "{{name}}": { "baseUrl": "{{upstream.BaseUrl(name)}}", "model": "remote", "credential": "env:{{CredentialVariable}}", "failureDomain": "{{name}}" }"""));
        return $$"""
            {
              "auth": { "apiKeys": [ { "name": "hygiene", "sha256": "{{keyHash}}", "requestsPerMinute": 10000 } ] },
              "cloud": {
                "upstreams": {
            {{upstreams}}
                },
                "routes": { "auto": { "chain": ["local", "up-ok"] } }
              }
            }
            """;
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            // SIGTERM: the router shuts down cleanly and flushes its log lines.
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill!.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    private static string Around(string text, string needle)
    {
        var at = text.IndexOf(needle, StringComparison.Ordinal);
        return text.Substring(Math.Max(0, at - 400), Math.Min(text.Length - Math.Max(0, at - 400), 800));
    }
}
