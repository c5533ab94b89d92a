using EdgeRouter.Llama;
using EdgeRouter.Llama.Native;

namespace EdgeRouter.Tests.Llama.Native;

public sealed class NativeLibraryLocationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgerouter-libs-").FullName;

    [Fact]
    public void Resolve_Default_UsesAppDirectoryWithPinnedFile()
    {
        var location = NativeLibraryLocation.Resolve(null, null);

        Assert.Equal(Path.Combine(Path.GetFullPath(AppContext.BaseDirectory), "libllama.v0.5.0.so"), location.LlamaPath);
        Assert.EndsWith("libggml.v0.5.0.so", location.FindSibling(NativeLibraryNames.Ggml), StringComparison.Ordinal);
        Assert.EndsWith("libggml-base.so", location.FindSibling(NativeLibraryNames.GgmlBase), StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_DirectoryWithUnversionedNames_FindsThem()
    {
        Touch("libllama.so", "libggml.so", "libggml-base.so");

        var location = NativeLibraryLocation.Resolve(null, _directory);

        Assert.Equal(Path.Combine(_directory, "libllama.so"), location.LlamaPath);
        Assert.Equal(Path.Combine(_directory, "libggml.so"), location.FindSibling(NativeLibraryNames.Ggml));
    }

    [Fact]
    public void Resolve_ExplicitPath_SiblingsComeFromItsDirectory()
    {
        Touch("libllama.so", "libggml.v0.5.0.so", "libggml-base.so");

        var location = NativeLibraryLocation.Resolve(Path.Combine(_directory, "libllama.so"), "/ignored");

        Assert.Equal(_directory, location.Directory);
        Assert.Equal(Path.Combine(_directory, "libggml.v0.5.0.so"), location.FindSibling(NativeLibraryNames.Ggml));
        Assert.Equal(Path.Combine(_directory, "libggml-base.so"), location.FindSibling(NativeLibraryNames.GgmlBase));
    }

    [Fact]
    public void Resolve_EmptyDirectory_ThrowsListingWhatWasLookedFor()
    {
        var ex = Assert.Throws<LlamaLibraryException>(() => NativeLibraryLocation.Resolve(null, _directory));

        Assert.Contains(_directory, ex.Message, StringComparison.Ordinal);
        Assert.Contains("libllama.v0.5.0.so, libllama.so", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindSibling_Missing_IsNull()
    {
        Touch("libllama.so");

        Assert.Null(NativeLibraryLocation.Resolve(null, _directory).FindSibling(NativeLibraryNames.Ggml));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void Touch(params string[] names)
    {
        foreach (var name in names)
        {
            File.WriteAllBytes(Path.Combine(_directory, name), []);
        }
    }
}
