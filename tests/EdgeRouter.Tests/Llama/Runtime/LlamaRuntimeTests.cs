using EdgeRouter.Llama.Runtime;
using EdgeRouter.Tests.Llama.Engine;

namespace EdgeRouter.Tests.Llama.Runtime;

[Collection(LlamaCollection.Name)]
public sealed class LlamaRuntimeTests(TinyModelFixture fixture)
{
    [Fact]
    public void Initialize_AfterEngineLoad_ReportsPinnedVersionAndCpuBackend()
    {
        Assert.NotNull(fixture.Engine);
        var info = LlamaRuntime.Current;

        Assert.NotNull(info);
        Assert.StartsWith("0.5.", info.Version, StringComparison.Ordinal);
        Assert.Contains(info.Devices, d => d.Type == "Cpu");
        Assert.NotEmpty(info.SystemInfo);
    }

    [Fact]
    public void Initialize_SameLibraryAgain_ReturnsSameInfo()
    {
        var info = LlamaRuntime.Current!;

        var again = LlamaRuntime.Initialize(info.LibraryPath, null, new ListLogger());

        Assert.Same(info, again);
    }
}
