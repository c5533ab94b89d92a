using EdgeRouter.Gguf;
using System.Collections.Concurrent;
using System.Diagnostics;
using EdgeRouter.Cloud.State;
using EdgeRouter.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeRouter.Tests.Host.Hosting;

/// <summary>
/// The built binary with a cloud config and $STATE_DIRECTORY, as systemd runs it, for tests that kill it and start it
/// again. Its local model is a file that is not GGUF, so the local tier fails fast and only the upstream routes serve.
/// </summary>
internal sealed class StatefulRouterProcess : IAsyncDisposable
{
    private StatefulRouterProcess(Process process, HttpClient client, ConcurrentQueue<string> output)
    {
        Process = process;
        Client = client;
        Output = output;
    }

    public Process Process { get; }

    public HttpClient Client { get; }

    /// <summary>Every stdout line so far (the log).</summary>
    public ConcurrentQueue<string> Output { get; }

    /// <summary>
    /// Writes the config (upstreams as name → JSON object, routes as name → chain) and a tiny generated model: the
    /// routes under test never reach the local tier, but the server refuses to start without a valid model file.
    /// </summary>
    public static string WriteConfig(string directory, IReadOnlyDictionary<string, string> upstreams,
        IReadOnlyDictionary<string, string> routes, string cooldowns)
    {
        var model = Path.Join(directory, "tiny.gguf");
        ModelGenerator.Generate(new ModelSpec { Shape = ModelShape.Tiny, TensorType = GgufTensorType.Q8_0, Seed = 7 }, model);
        var config = Path.Join(directory, "config.json");
        File.WriteAllText(config, $$"""
            {
              "model": { "path": "{{model}}" },
              "cloud": {
                "upstreams": { {{string.Join(", ", upstreams.Select(u => $"\"{u.Key}\": {u.Value}"))}} },
                "routes": { {{string.Join(", ", routes.Select(r => $"\"{r.Key}\": {{ \"chain\": [\"{r.Value}\"] }}"))}} },
                "cooldowns": {{cooldowns}}
              }
            }
            """);
        return config;
    }

    public static async Task<StatefulRouterProcess> StartAsync(string config, string stateDirectory, string scratch)
    {
        var process = EdgeRouterProcess.Start(["--listen", "127.0.0.1:0", "--config", config], scratch,
            new Dictionary<string, string> { ["STATE_DIRECTORY"] = stateDirectory });
        var output = new ConcurrentQueue<string>();
        try
        {
            var address = await EdgeRouterProcess.ReadListeningAddressAsync(process, output.Enqueue);
            return new StatefulRouterProcess(process, TestRouter.CreateClient(address), output);
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }
    }

    public Task<HttpResponseMessage> ChatAsync(string model, CancellationToken cancellationToken = default) =>
        Client.PostAsync("/v1/chat/completions",
            ApiAssert.Json($$"""{"model":"{{model}}","messages":[{"role":"user","content":"Hi"}],"max_tokens":4}"""), cancellationToken);

    /// <summary>SIGKILL: no graceful stop, no final write.</summary>
    public async Task KillAsync()
    {
        Process.Kill();
        await Process.WaitForExitAsync();
    }

    /// <summary>The state file as the next start will read it.</summary>
    public static RouterState Load(string stateDirectory) =>
        new StateFile(Path.Join(stateDirectory, StateFile.DefaultFileName), TimeProvider.System, NullLogger.Instance).Load();

    /// <summary>Waits (up to 10 s) until the state file holds a cooldown of <paramref name="domain"/>.</summary>
    public static async Task<SavedCooldown> WaitForSavedCooldownAsync(string stateDirectory, string domain)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (Load(stateDirectory).Cooldowns.FirstOrDefault(c => c.Domain == domain) is { } saved)
            {
                return saved;
            }
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), $"no cooldown of {domain} saved after 10 s");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!Process.HasExited)
        {
            await KillAsync();
        }
        Process.Dispose();
    }
}
