using System.Net;
using System.Net.Sockets;
using EdgeRouter.Host.Cli;
using EdgeRouter.Host.Hosting;
using EdgeRouter.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace EdgeRouter.Tests.Host.Hosting;

public sealed class HostingTests
{
    [Fact]
    public async Task PortInUse_ThrowsStartupExceptionWithOneLineHint()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var logs = new LogCapture();
        var error = await Assert.ThrowsAsync<StartupException>(() =>
            TestRouter.StartAsync(new TestRouterOptions { Listen = $"127.0.0.1:{port}", Logs = logs }));

        Assert.Equal($"127.0.0.1:{port} is already in use; pass --listen HOST:PORT", error.Message);
        Assert.DoesNotContain(logs.Lines, line => line.StartsWith(nameof(LogLevel.Critical), StringComparison.Ordinal) || line.Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PortInUse_CliExits1WithoutStackTrace()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var overrides = TestRouter.Overrides(new ManualTimeProvider(), new LogCapture()) with { GeneratorFactory = _ => new FakeTextGenerator() };

        var exitCode = await CliApp.RunAsync(["serve", "--listen", $"127.0.0.1:{port}"], stdout, stderr, overrides);

        Assert.Equal(1, exitCode);
        Assert.Equal($"edgerouter: 127.0.0.1:{port} is already in use; pass --listen HOST:PORT{Environment.NewLine}", stderr.ToString());
    }

    [Fact]
    public async Task StartAsync_ListenPortZero_ExposesBoundAddress()
    {
        await using var router = await TestRouter.StartAsync();

        Assert.Equal("127.0.0.1", router.Router.Address.Host);
        Assert.NotEqual(0, router.Router.Address.Port);
        using var response = await router.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(router.Logs.Lines, line => line.Contains($"listening on http://127.0.0.1:{router.Router.Address.Port}", StringComparison.Ordinal));
    }

    [Fact]
    public void DemoModel_IsGeneratedOnceAndReused()
    {
        var directory = Directory.CreateTempSubdirectory("edgerouter-demo-").FullName;
        try
        {
            var logs = new LogCapture();
            var logger = logs.CreateLogger("test");

            var path = Path.Join(directory, DemoModel.FileName);

            var header = DemoModel.Ensure(path, logger);
            var written = File.GetLastWriteTimeUtc(path);
            var again = DemoModel.Ensure(path, logger);

            Assert.Equal(path, again.Path);
            Assert.Equal(written, File.GetLastWriteTimeUtc(path));
            Assert.Single(logs.Lines, l => l.Contains("Generating the demo model", StringComparison.Ordinal));
            Assert.Equal(DemoModel.Name, header.Name);
            Assert.Equal(header.FileSize, again.FileSize);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task ConfigureServices_CanWrapTheLocalTier_AndConfigureAppCanAddEndpoints()
    {
        await using var router = await TestRouter.StartAsync(new TestRouterOptions
        {
            ConfigureServices = services => services.AddSingleton<EdgeRouter.Core.Inference.IInferenceService>(
                sp => new RenamingTier(sp.GetRequiredService<EdgeRouter.Core.Routing.Router>())),
            ConfigureApp = app => app.MapGet("/extra", () => "extra"),
        });
        var client = router.Client;
        using var response = await client.PostAsync("/v1/chat/completions", ApiAssert.Json("""{"messages":[{"role":"user","content":"Hi"}]}"""));
        using var extra = await client.GetAsync("/extra");

        Assert.Equal("wrapped", Assert.Single(response.Headers.GetValues("X-EdgeRouter-Tier")));
        Assert.Equal("extra", await extra.Content.ReadAsStringAsync());
    }

    /// <summary>Wraps the router and serves under another tier name, as an embedding host might.</summary>
    private sealed class RenamingTier(EdgeRouter.Core.Routing.Router local) : EdgeRouter.Core.Inference.IInferenceService
    {
        public EdgeRouter.Core.Inference.ReadinessStatus Readiness => local.Readiness;

        public IReadOnlyList<EdgeRouter.Core.Inference.ModelInfo> ListModels() => local.ListModels();

        public EdgeRouter.Core.Inference.ModelInfo? ResolveModel(string requestedModel) => local.ResolveModel(requestedModel);

        public string? ResolveRouteName(string requestedModel) => local.ResolveRouteName(requestedModel);

        public async ValueTask<EdgeRouter.Core.Inference.Admission> StartAsync(string requestedModel, EdgeRouter.Core.Inference.GenerationRequest request, CancellationToken cancellationToken) =>
            await local.StartAsync(requestedModel, request, cancellationToken) is EdgeRouter.Core.Inference.Admission.Started { Run: var run }
                ? new EdgeRouter.Core.Inference.Admission.Started(new EdgeRouter.Core.Inference.InferenceRun("wrapped", run.Model, run.Text, run.Completion, new CancellationTokenSource()))
                : throw new InvalidOperationException("not admitted");
    }
}
