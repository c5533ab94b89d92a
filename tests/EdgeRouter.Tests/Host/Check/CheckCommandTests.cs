using System.Text.Json;
using EdgeRouter.Tests.Cloud.Support;
using EdgeRouter.Tests.Edge;
using EdgeRouter.Tests.Llama;
using Xunit;
using EdgeRouter.Tests.Llama.Engine;

namespace EdgeRouter.Tests.Host.Check;

/// <remarks>
/// In the llama engine collection: `check` loads libllama in-process, and llama.cpp's runtime (and its log target) is
/// process-global, so the engine fixture must initialize it first and no engine test may run alongside.
/// </remarks>
[Collection(LlamaCollection.Name)]
public sealed class CheckCommandTests : IDisposable
{
    private readonly CheckHarness _check = new();

    public void Dispose() => _check.Dispose();

    [Fact]
    public async Task ChainNamesUpstreamWithoutCredential_Exits1NamingRouteAndUpstream()
    {
        var missing = CheckHarness.MissingVariable();
        var config = _check.WriteConfig($$"""
            { "cloud": {
                "upstreams": { "openai": { "baseUrl": "https://api.openai.com/v1", "model": "gpt-4o-mini", "credential": "env:{{missing}}" } },
                "routes": { "chat": { "chain": ["local", "openai"] } } } }
            """);

        Assert.Equal(1, await _check.RunAsync("check", "--config", config, "--model", _check.WriteTinyModel()));

        var error = Assert.Single(_check.Errors);
        Assert.Equal($"error: route 'chat' → upstream 'openai': credential env:{missing} cannot be resolved: " +
                     $"environment variable {missing} is not set (cloud.upstreams.openai.credential)", error);
        Assert.EndsWith("check: 1 error, 0 warnings: the server would refuse to start (exit 1)", _check.Lines[^1]);
    }

    [Fact]
    public async Task UpstreamInNoRouteWithoutCredential_IsStillAnErrorBecauseItsNameIsAModel()
    {
        var missing = CheckHarness.MissingVariable();
        var config = _check.WriteConfig($$"""
            { "cloud": { "upstreams": { "solo": { "baseUrl": "https://example.invalid/v1", "model": "m", "credential": "env:{{missing}}" } } } }
            """);

        Assert.Equal(1, await _check.RunAsync("check", "--config", config, "--model", _check.WriteTinyModel()));

        Assert.StartsWith($"error: upstream 'solo' (reachable as model 'solo'): credential env:{missing} cannot be resolved",
            Assert.Single(_check.Errors));
    }

    [Fact]
    public async Task TwoTiersOnOneKey_Exits2WarningThatOneLimitTakesBothDown()
    {
        var key = Path.Join(_check.Directory, "key");
        await File.WriteAllTextAsync(key, "sk-test");
        var config = _check.WriteConfig($$"""
            { "cloud": {
                "upstreams": {
                  "mini": { "baseUrl": "https://api.openai.com/v1", "model": "gpt-4o-mini", "credential": "file:{{key}}" },
                  "big": { "baseUrl": "https://api.openai.com/v1", "model": "gpt-4o", "credential": "file:{{key}}" } },
                "routes": { "chat": { "chain": ["local", "mini", "big"] } } } }
            """);

        Assert.Equal(2, await _check.RunAsync("check", "--config", config, "--model", _check.WriteTinyModel()));

        Assert.Empty(_check.Errors);
        var warning = Assert.Single(_check.Warnings);
        Assert.StartsWith($"warning: route 'chat': upstreams 'mini', 'big' share failure domain 'file:{key}': one rate limit", warning);
    }

    [Fact]
    public async Task CleanConfigAndValidModel_Exits0AndReportsModelMemoryAndNativeLibrary()
    {
        var config = _check.WriteConfig("""
            { "cloud": {
                "upstreams": { "near": { "baseUrl": "http://127.0.0.1:9/v1", "model": "m", "credential": "none" } },
                "routes": { "chat": { "chain": ["local", "near"] } } } }
            """);
        var model = _check.WriteTinyModel();

        Assert.Equal(0, await _check.RunAsync("check", "--config", config, "--model", model));

        Assert.Empty(_check.Errors);
        Assert.Empty(_check.Warnings);
        Assert.Contains(_check.Lines, l => l.StartsWith($"info: model {model}: valid GGUF; context ", StringComparison.Ordinal)
            && l.Contains("model 'tiny' needs about", StringComparison.Ordinal));
        Assert.Contains(_check.Lines, l => l.StartsWith("info: native library: llama.cpp 0.5", StringComparison.Ordinal) && l.Contains("CPU backend", StringComparison.Ordinal));
        Assert.Contains("info: chat template: the model's own (Jinja); tools: no", _check.Lines);
        Assert.Equal("check: 0 errors, 0 warnings: ok (exit 0)", _check.Lines[^1]);
    }

    [Fact]
    public async Task ModelThatDoesNotFitInMemory_Exits1WithTheGuardsMessage()
    {
        var root = FixtureTrees.CopyToTemp(FixtureTrees.X86);
        try
        {
            File.WriteAllText(Path.Join(root, "proc", "meminfo"), "MemTotal:        1048576 kB\nMemFree:           10240 kB\nMemAvailable:      20480 kB\n");
            var config = _check.WriteConfig($$"""{ "telemetry": { "root": "{{root}}" } }""");
            var model = _check.WriteTinyModel();

            Assert.Equal(1, await _check.RunAsync("check", "--config", config, "--model", model));

            var error = Assert.Single(_check.Errors);
            Assert.StartsWith($"error: model {model}: context 2048 tokens with a f16 KV cache (not even the minimum window fits in available memory); model 'tiny' does not fit in memory", error);
            Assert.Contains("20 MiB is available (MemAvailable in /proc/meminfo)", error);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task ConfigWithSeveralMistakes_ReportsEveryOneWithItsPath()
    {
        var config = _check.WriteConfig("""
            { "model": { "contextLength": 1 },
              "cloud": {
                "upstreams": { "a": { "baseUrl": "https://example.invalid/v1", "model": "m", "credential": "none", "contextWindow": 5 } },
                "routes": { "x": { "chain": ["y"] }, "y": { "chain": ["x", "nope"] } } } }
            """);

        Assert.Equal(1, await _check.RunAsync("check", "--config", config));

        var errors = string.Join("\n", _check.Errors);
        Assert.Contains("'model.contextLength' is 1", errors);
        Assert.Contains("'cloud.upstreams.a.contextWindow' must be from", errors);
        Assert.Contains("'cloud.routes.y.chain[1]' unknown upstream 'nope'", errors);
        Assert.Contains("makes a cycle", errors);
        Assert.True(_check.Errors.Length >= 4, errors);
    }

    [Fact]
    public async Task KeyOverPlainHttpToAnotherHost_Warns()
    {
        var key = Path.Join(_check.Directory, "key");
        await File.WriteAllTextAsync(key, "sk-test");
        var config = _check.WriteConfig($$"""
            { "cloud": { "upstreams": { "lan": { "baseUrl": "http://10.1.2.3:8000/v1", "model": "m", "credential": "file:{{key}}" } } } }
            """);

        Assert.Equal(2, await _check.RunAsync("check", "--config", config, "--model", _check.WriteTinyModel()));

        Assert.Equal("warning: upstream 'lan': sends its key over plain http to 10.1.2.3:8000 (cloud.upstreams.lan.baseUrl); use https",
            Assert.Single(_check.Warnings));
    }

    [Theory]
    [InlineData("check", "--frobnicate")]
    [InlineData("check", "--ctx")]
    [InlineData("check", "--ctx", "many")]
    [InlineData("check", "extra")]
    public async Task BadCheckCommandLine_Exits64NotAWarningCode(params string[] args)
    {
        Assert.Equal(64, await _check.RunAsync(args));

        Assert.StartsWith("edgerouter: ", _check.Stderr);
    }

    [Fact]
    public async Task Json_ListsFindingsAndExitCode()
    {
        var missing = CheckHarness.MissingVariable();
        var config = _check.WriteConfig($$"""
            { "cloud": { "upstreams": { "u": { "baseUrl": "https://example.invalid/v1", "model": "m", "credential": "env:{{missing}}" } },
                         "routes": { "auto": { "chain": ["local", "u"] } } } }
            """);

        Assert.Equal(1, await _check.RunAsync("check", "--json", "--config", config, "--model", _check.WriteTinyModel()));

        using var json = JsonDocument.Parse(_check.Stdout);
        Assert.Equal(1, json.RootElement.GetProperty("exitCode").GetInt32());
        var error = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("severity").GetString() == "error");
        Assert.Equal("route 'auto' → upstream 'u'", error.GetProperty("subject").GetString());
        Assert.StartsWith($"credential env:{missing} cannot be resolved", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Probe_CallsEachUpstreamOnceAndClassifiesFailures()
    {
        await using var upstream = await FaultyUpstream.StartAsync();
        upstream.Set("ok", Behaviors.Stream("pong"));
        upstream.Set("denied", Behaviors.Unauthorized);
        var closed = FaultyUpstream.ClosedPort();
        var config = _check.WriteConfig($$"""
            { "cloud": {
                "upstreams": {
                  "good": { "baseUrl": "{{upstream.BaseUrl("ok")}}", "model": "m", "credential": "none" },
                  "rejected": { "baseUrl": "{{upstream.BaseUrl("denied")}}", "model": "m", "credential": "none", "failureDomain": "d2" },
                  "down": { "baseUrl": "http://127.0.0.1:{{closed}}/v1", "model": "m", "credential": "none", "failureDomain": "d3" } } } }
            """);

        Assert.Equal(1, await _check.RunAsync("check", "--probe", "--config", config, "--model", _check.WriteTinyModel()));

        // The default probe is the route's real request.
        Assert.Contains(_check.Lines, l => l == $"info: upstream 'good': probe POST {upstream.BaseUrl("ok")}chat/completions: answered");
        Assert.Contains(_check.Errors, l => l.StartsWith($"error: upstream 'rejected': probe POST {upstream.BaseUrl("denied")}chat/completions failed: credential (http-401)", StringComparison.Ordinal));
        Assert.Contains(_check.Errors, l => l.StartsWith("error: upstream 'down': probe POST", StringComparison.Ordinal) && l.Contains("outage (connect-", StringComparison.Ordinal));
        Assert.Equal(1, upstream.Requests("ok"));
        Assert.Equal(1, upstream.Requests("denied"));
    }

    [Fact]
    public async Task Probe_SendsTheFailbackProbeTheUpstreamConfigures_RequestKindWithItsKey()
    {
        await using var upstream = await FaultyUpstream.StartAsync();
        upstream.Set("chat", Behaviors.Stream("pong"));
        upstream.Set("models", Behaviors.Json("{\"object\":\"list\",\"data\":[]}"));
        var keyVariable = "EDGEROUTER_TEST_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(keyVariable, "sk-check-probe");
        try
        {
            var config = _check.WriteConfig($$"""
                { "cloud": {
                    "failback": { "probeMaxTokens": 24 },
                    "upstreams": {
                      "asks": { "baseUrl": "{{upstream.BaseUrl("chat")}}", "model": "remote-m", "credential": "env:{{keyVariable}}", "probe": "request" },
                      "lists": { "baseUrl": "{{upstream.BaseUrl("models")}}", "model": "m", "credential": "none", "failureDomain": "d2", "probe": "models" } } } }
                """);

            // The opt-in light probe is a warning: it does not ask what traffic asks.
            Assert.Equal(2, await _check.RunAsync("check", "--probe", "--config", config, "--model", _check.WriteTinyModel()));
        }
        finally
        {
            Environment.SetEnvironmentVariable(keyVariable, null);
        }

        Assert.Contains(_check.Lines, l => l == $"info: upstream 'asks': probe POST {upstream.BaseUrl("chat")}chat/completions: answered");
        var probe = Assert.Single(upstream.Received("chat"));
        Assert.EndsWith("/chat/completions", probe.Path, StringComparison.Ordinal);
        Assert.Contains("\"model\":\"remote-m\"", probe.Body);
        Assert.Contains("\"max_tokens\":24", probe.Body);
        Assert.Equal("Bearer sk-check-probe", probe.Authorization);
        Assert.Contains("\"stream\":true", probe.Body);
        Assert.Equal(1, upstream.Requests("models", "/models"));
        Assert.Equal($"warning: upstream 'lists': failback probe GET {upstream.BaseUrl("models")}models differs from its traffic " +
                     $"POST {upstream.BaseUrl("models")}chat/completions (cloud.upstreams.lists.probe is \"models\"): a key throttled " +
                     "for chat while /models answers 200 comes back into 429s and flaps; remove the setting to probe with the route's real request",
            Assert.Single(_check.Warnings));
    }

    [Fact]
    public async Task OneKeyUnderTwoReferences_Exits2WarningNamingBothUpstreams_NothingAboutTheKey()
    {
        const string secret = "sk-shared-0123456789";
        var file = Path.Join(_check.Directory, "copy-of-key");
        await File.WriteAllTextAsync(file, secret + "\n");
        var keyVariable = "EDGEROUTER_TEST_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(keyVariable, secret);
        try
        {
            var config = _check.WriteConfig($$"""
                { "cloud": {
                    "upstreams": {
                      "primary": { "baseUrl": "https://api.openai.com/v1", "model": "gpt-4o-mini", "credential": "env:{{keyVariable}}" },
                      "spare": { "baseUrl": "https://api.openai.com/v1", "model": "gpt-4o", "credential": "file:{{file}}" } },
                    "routes": { "chat": { "chain": ["primary", "spare"] } } } }
                """);

            Assert.Equal(2, await _check.RunAsync("check", "--config", config, "--model", _check.WriteTinyModel()));
        }
        finally
        {
            Environment.SetEnvironmentVariable(keyVariable, null);
        }

        Assert.Empty(_check.Errors);
        Assert.Contains(_check.Warnings, w => w.StartsWith(
            $"warning: route 'chat': upstreams 'primary', 'spare' share failure domain 'env:{keyVariable}'", StringComparison.Ordinal));
        Assert.Contains($"warning: upstreams 'primary', 'spare': 'primary' (env:{keyVariable}) and 'spare' (file:{file}) hold the same key: " +
                        $"they share failure domain 'env:{keyVariable}' (one cooldown, credential disable and slow start), so one throttle " +
                        "or rejected key takes them all down; give the fallback its own key or account", _check.Warnings);
        Assert.DoesNotContain(_check.Lines, l => l.Contains("sk-", StringComparison.Ordinal) || l.Contains("0123456789", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutProbe_NoUpstreamIsCalled()
    {
        await using var upstream = await FaultyUpstream.StartAsync();
        upstream.Set("ok", Behaviors.Json("{}"));
        var config = _check.WriteConfig($$"""
            { "cloud": { "upstreams": { "good": { "baseUrl": "{{upstream.BaseUrl("ok")}}", "model": "m", "credential": "none" } } } }
            """);

        Assert.Equal(0, await _check.RunAsync("check", "--config", config, "--model", _check.WriteTinyModel()));

        Assert.Equal(0, upstream.Requests("ok"));
    }
}
