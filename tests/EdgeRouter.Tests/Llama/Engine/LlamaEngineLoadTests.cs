using EdgeRouter.Gguf;
using EdgeRouter.Llama;
using EdgeRouter.Llama.Engine;

namespace EdgeRouter.Tests.Llama.Engine;

[Collection(LlamaCollection.Name)]
public sealed class LlamaEngineLoadTests(TinyModelFixture fixture)
{
    [Fact]
    public void Load_MissingModel_ThrowsFileNotFound()
    {
        var options = fixture.Options with { ModelPath = fixture.TempPath("missing.gguf") };

        var ex = Assert.Throws<FileNotFoundException>(() => LlamaEngine.Load(options, new ListLogger()));

        Assert.Contains("missing.gguf", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotGguf_ThrowsFormatExceptionBeforeLlamaSeesIt()
    {
        var path = fixture.TempPath("garbage.gguf");
        File.WriteAllText(path, "this is not a model");

        Assert.Throws<GgufFormatException>(() => LlamaEngine.Load(fixture.Options with { ModelPath = path }, new ListLogger()));
    }

    [Fact]
    public void Load_WithTheCallersHeader_DoesNotReadTheFileAgain()
    {
        var copy = fixture.TempPath("read-once.gguf");
        File.Copy(fixture.ModelPath, copy, overwrite: true);
        var header = GgufFile.Read(copy);
        File.Delete(copy);

        // Not the preflight's FileNotFoundException: only llama.cpp went to the file.
        var ex = Assert.Throws<LlamaException>(() => LlamaEngine.Load(fixture.Options with { ModelPath = copy, Header = header }, new ListLogger()));

        Assert.Contains(copy, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WithTheHeaderOfAnotherFile_RefusesBeforeLlamaSeesEither()
    {
        var other = fixture.TempPath("other.gguf");
        File.Copy(fixture.ModelPath, other, overwrite: true);

        var ex = Assert.Throws<ArgumentException>(
            () => LlamaEngine.Load(fixture.Options with { Header = GgufFile.Read(other) }, new ListLogger()));

        Assert.Contains(other, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingLibraryDirectory_ThrowsClearError()
    {
        var options = fixture.Options with { LibraryDirectory = "/nonexistent/llama-libs" };

        var ex = Assert.Throws<LlamaLibraryException>(() => LlamaEngine.Load(options, new ListLogger()));

        Assert.Contains("/nonexistent/llama-libs", ex.Message, StringComparison.Ordinal);
        Assert.Contains("libllama.v0.5.0.so", ex.Message, StringComparison.Ordinal);
        Assert.Contains("fetch-native.sh", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingLibraryPath_ThrowsClearError()
    {
        var options = fixture.Options with { LibraryPath = "/opt/nowhere/libllama.so" };

        var ex = Assert.Throws<LlamaLibraryException>(() => LlamaEngine.Load(options, new ListLogger()));

        Assert.Contains("/opt/nowhere/libllama.so", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LibraryPathNotALibrary_ThrowsClearError()
    {
        var path = fixture.TempPath("libllama.so");
        File.WriteAllText(path, "not an ELF file");

        // Either "could not load" (runtime not yet initialized) or "already loaded from" (it is): both name the file.
        var ex = Assert.Throws<LlamaLibraryException>(() => LlamaEngine.Load(fixture.Options with { LibraryPath = path }, new ListLogger()));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidOptions_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LlamaEngine.Load(fixture.Options with { ContextLength = 0 }, new ListLogger()));
        Assert.Throws<ArgumentOutOfRangeException>(() => LlamaEngine.Load(fixture.Options with { Threads = 0 }, new ListLogger()));
    }

    [Fact]
    public void Dispose_ThenGenerate_ThrowsObjectDisposed()
    {
        var engine = fixture.LoadFreshEngine();
        engine.Dispose();
        engine.Dispose();

        Assert.Throws<ObjectDisposedException>(
            () => engine.Generate(LlamaEngineGenerateTests.Chat("hello", 1), new RecordingSink(), CancellationToken.None));
    }
}
