using EdgeRouter.Tests.Gguf;
using EdgeRouter.Tests.Llama;
using Xunit;
using EdgeRouter.Tests.Llama.Engine;

namespace EdgeRouter.Tests.Host.Check;

/// <summary>Every hostile model file through `check --model` in-process: one clear error line naming the file, exit 1.</summary>
/// <remarks>
/// In the llama engine collection: `check` loads libllama in-process, and llama.cpp's runtime (and its log target) is
/// process-global, so the engine fixture must initialize it first and no engine test may run alongside.
/// </remarks>
[Collection(LlamaCollection.Name)]
public sealed class HostileModelTests : IDisposable
{
    private readonly CheckHarness _check = new();

    public void Dispose() => _check.Dispose();

    [Fact]
    public void Corpus_CoversEveryKindOfLie()
    {
        Assert.True(HostileModel.All.Count >= 50, $"only {HostileModel.All.Count} cases");
        Assert.Equal(HostileModel.All.Count, HostileModel.All.Select(static m => m.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(HostileModel.AllNames), MemberType = typeof(HostileModel))]
    public async Task Check_HostileModel_OneErrorNamingFileAndProblem_Exit1(string name)
    {
        var hostile = HostileModel.Named(name);
        var path = hostile.CreateIn(_check.Directory);

        Assert.Equal(1, await _check.RunAsync("check", "--model", path));

        var error = Assert.Single(_check.Errors);
        Assert.StartsWith($"error: model {path}: ", error);
        Assert.Contains(hostile.Problem, error);
        Assert.DoesNotContain("   at ", _check.Stdout + _check.Stderr);
    }

    [Fact]
    public void HostileFiles_AreRejectedByTheManagedReaderOnItsOwn()
    {
        // The corpus is only worth something if every file really is one llama.cpp must never see.
        foreach (var hostile in HostileModel.All.Where(static m => m.Name is not ("directory.gguf" or "missing.gguf")))
        {
            var path = hostile.CreateIn(_check.Directory);
            Assert.False(EdgeRouter.Gguf.GgufValidator.TryValidate(path, out _, out _), hostile.Name);
        }
    }
}
