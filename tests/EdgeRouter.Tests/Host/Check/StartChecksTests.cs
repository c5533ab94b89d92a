using EdgeRouter.Host.Cli;
using EdgeRouter.Host.Config;
using EdgeRouter.Tests.Support;
using EdgeRouter.Tests.Llama;
using Xunit;
using EdgeRouter.Tests.Llama.Engine;

namespace EdgeRouter.Tests.Host.Check;

/// <summary>The server runs `edgerouter check`'s start checks before binding: the same errors stop it, warnings are logged.</summary>
/// <remarks>
/// In the llama engine collection: `check` loads libllama in-process, and llama.cpp's runtime (and its log target) is
/// process-global, so the engine fixture must initialize it first and no engine test may run alongside.
/// </remarks>
[Collection(LlamaCollection.Name)]
public sealed class StartChecksTests : IDisposable
{
    private readonly CheckHarness _check = new();

    public void Dispose() => _check.Dispose();

    [Fact]
    public async Task ChainWithoutCredential_ServeRefusesWithTheLineCheckPrints()
    {
        var missing = CheckHarness.MissingVariable();
        var config = _check.WriteConfig($$"""
            { "cloud": {
                "upstreams": { "openai": { "baseUrl": "https://api.openai.com/v1", "model": "gpt-4o-mini", "credential": "env:{{missing}}" } },
                "routes": { "chat": { "chain": ["local", "openai"] } } } }
            """);
        var model = _check.WriteTinyModel();
        Assert.Equal(1, await _check.RunAsync("check", "--config", config, "--model", model));
        var checkLine = Assert.Single(_check.Errors)["error: ".Length..];

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(["serve", "--config", config, "--model", model, "--listen", "127.0.0.1:0"], stdout, stderr,
            TestRouter.Overrides(new ManualTimeProvider(), new LogCapture()));

        Assert.Equal(2, exit);
        Assert.Equal($"edgerouter: {checkLine}", stderr.ToString().TrimEnd());
        Assert.Contains("route 'chat' → upstream 'openai'", checkLine);
    }

    [Fact]
    public async Task SharedFailureDomain_ServerStartsAndLogsTheWarning()
    {
        var config = _check.WriteConfig("""
            { "cloud": {
                "upstreams": {
                  "a": { "baseUrl": "http://127.0.0.1:9/v1", "model": "m1", "credential": "none" },
                  "b": { "baseUrl": "http://127.0.0.1:9/v1", "model": "m2", "credential": "none" } },
                "routes": { "auto": { "chain": ["local", "a", "b"] } } } }
            """);

        await using var router = await TestRouter.StartAsync(args: ["--config", config]);

        Assert.Contains(router.Logs.Lines, l => l.Contains("[770] Start check: route 'auto': upstreams 'a', 'b' share failure domain 'http://127.0.0.1:9'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BrokenModelFile_RefusedBeforeBindingNotHandedToLlama()
    {
        var path = HostileModel.Named("truncated-in-data.gguf").CreateIn(_check.Directory);
        var error = await Assert.ThrowsAsync<ConfigException>(() =>
            TestRouter.StartAsync(new TestRouterOptions { LlamaEngine = true, Args = ["--model", path] }));

        Assert.StartsWith($"model {path}: not a valid GGUF model: tensor '", error.Message);
        Assert.Contains("beyond the end of the file", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
