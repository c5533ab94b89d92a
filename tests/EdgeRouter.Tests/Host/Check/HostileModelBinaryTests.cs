using System.Diagnostics;
using EdgeRouter.Tests.Gguf;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Host.Check;

/// <summary>
/// A representative subset of the hostile corpus through the real binary, as `check --model` and as `serve --model`:
/// the documented exit code, a one-line error naming the file, no signal or core dump, and llama.cpp never loaded.
/// </summary>
public sealed class HostileModelBinaryTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [MemberData(nameof(HostileModel.BinarySubset), MemberType = typeof(HostileModel))]
    public async Task Check_HostileModel_Exit1WithOneErrorLine(string name)
    {
        var path = HostileModel.Named(name).CreateIn(_dir.Path);

        var (exit, stdout, stderr) = await RunAsync("check", "--model", path);

        Assert.Equal(1, exit);
        var errors = Lines(stdout).Where(static l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        Assert.StartsWith($"error: model {path}: ", Assert.Single(errors));
        Assert.Contains(HostileModel.Named(name).Problem, errors[0]);
        Assert.Empty(stderr);
        AssertNoCrash();
    }

    [Theory]
    [MemberData(nameof(HostileModel.BinarySubset), MemberType = typeof(HostileModel))]
    public async Task Serve_HostileModel_RefusesToStartExit2WithOneLine(string name)
    {
        var path = HostileModel.Named(name).CreateIn(_dir.Path);

        var (exit, stdout, stderr) = await RunAsync("serve", "--model", path, "--listen", "127.0.0.1:0");

        Assert.Equal(2, exit);
        var line = Assert.Single(Lines(stderr));
        Assert.StartsWith($"edgerouter: model {path}: ", line);
        Assert.Contains(HostileModel.Named(name).Problem, line);
        // Refused before binding, so before the llama.cpp runtime was even loaded.
        Assert.DoesNotContain("listening on", stdout);
        Assert.DoesNotContain("llama.cpp", stdout);
        AssertNoCrash();
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var process = EdgeRouterProcess.Start(args, Path.Join(_dir.Path, "cache"), workingDirectory: _dir.Path);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"edgerouter {string.Join(' ', args)} did not exit");
        }
        // 128 + N is how a signal (SIGSEGV, SIGABRT from a native assert) shows up.
        Assert.True(process.ExitCode is >= 0 and < 128, $"exit code {process.ExitCode}: {await stderr}");
        return (process.ExitCode, await stdout, await stderr);
    }

    private void AssertNoCrash() =>
        Assert.Empty(Directory.EnumerateFiles(_dir.Path, "core*"));

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
