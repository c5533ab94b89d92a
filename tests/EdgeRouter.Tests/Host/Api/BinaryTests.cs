using System.Net;
using EdgeRouter.Host.Hosting;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Host.Api;

/// <summary>
/// The built `edgerouter` binary as a child process: the real Program, CLI, config, demo model and llama.cpp engine.
/// A separate process also keeps llama.cpp's process-wide state out of this test run.
/// </summary>
public sealed class BinaryTests
{
    [Fact]
    public async Task NoModelConfigured_GeneratesTheDemoModelAndServesIt()
    {
        var cache = Directory.CreateTempSubdirectory("edgerouter-xdg-").FullName;
        using var process = EdgeRouterProcess.Start(["--listen", "127.0.0.1:0", "--ctx", "256"], cache);
        try
        {
            var address = await EdgeRouterProcess.ReadListeningAddressAsync(process);
            using var client = TestRouter.CreateClient(address);
            await EdgeRouterProcess.WaitUntilReadyAsync(client);

            using var response = await client.PostAsync("/v1/chat/completions",
                ApiAssert.Json("""{"messages":[{"role":"user","content":"Hello"}],"max_tokens":4,"temperature":0}"""));
            using var tags = await client.GetAsync("/api/tags");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("local", Assert.Single(response.Headers.GetValues("X-EdgeRouter-Tier")));
            var body = await ApiAssert.ReadJsonAsync(response);
            Assert.Equal("edgerouter-demo", body.GetProperty("model").GetString());
            Assert.InRange(body.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), 0, 4);
            Assert.Equal("edgerouter-demo:latest", (await ApiAssert.ReadJsonAsync(tags)).GetProperty("models")[0].GetProperty("name").GetString());
            Assert.True(File.Exists(Path.Join(cache, "edgerouter", "models", DemoModel.FileName)));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public async Task UnknownFlag_ExitsWith2AndAUsageHint()
    {
        using var process = EdgeRouterProcess.Start(["--no-such-flag"], Path.GetTempPath());

        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Equal("edgerouter: unknown option '--no-such-flag' for 'serve'\nRun 'edgerouter --help' for usage.\n", stderr);
    }
}
