using EdgeRouter.Gguf;
using EdgeRouter.Host.Cli;
using EdgeRouter.Tests.Gguf;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Host.Check;

/// <summary>Runs `edgerouter check` in-process (hermetic: no process config files) and keeps what it printed.</summary>
internal sealed class CheckHarness : IDisposable
{
    private readonly TempDir _dir = new();

    public string Directory => _dir.Path;

    public string Stdout { get; private set; } = "";

    public string Stderr { get; private set; } = "";

    public string[] Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string[] Errors => Lines.Where(static l => l.StartsWith("error: ", StringComparison.Ordinal)).ToArray();

    public string[] Warnings => Lines.Where(static l => l.StartsWith("warning: ", StringComparison.Ordinal)).ToArray();

    public async Task<int> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        // The real clock: a --probe timeout must be able to fire.
        var exit = await CliApp.RunAsync(args, stdout, stderr, TestRouter.Overrides(TimeProvider.System, new LogCapture()));
        (Stdout, Stderr) = (stdout.ToString(), stderr.ToString());
        return exit;
    }

    public string WriteConfig(string json)
    {
        var path = _dir.File($"config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    public string WriteTinyModel()
    {
        var path = _dir.File("tiny.gguf");
        File.WriteAllBytes(path, TinyModels.Bytes(GgufTensorType.Q8_0));
        return path;
    }

    /// <summary>An environment variable name no machine has, for a credential that must not resolve.</summary>
    public static string MissingVariable() => "EDGEROUTER_TEST_MISSING_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    public void Dispose() => _dir.Dispose();
}
