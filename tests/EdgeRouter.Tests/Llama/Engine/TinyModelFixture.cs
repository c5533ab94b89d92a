using EdgeRouter.Gguf;
using EdgeRouter.Llama.Engine;

namespace EdgeRouter.Tests.Llama.Engine;

/// <summary>
/// Generates the tiny model once and loads one engine for the whole collection: llama.cpp's runtime is
/// process-global and an engine is single-threaded, so every test using it lives in <see cref="LlamaCollection"/>.
/// </summary>
public sealed class TinyModelFixture : IDisposable
{
    public const int ContextLength = 512;

    private readonly string _directory;

    public TinyModelFixture()
    {
        _directory = Path.Combine(Path.GetTempPath(), "edgerouter-llama-tests-" + Guid.NewGuid().ToString("N"));
        ModelPath = Path.Combine(_directory, "tiny-f32.gguf");
        ModelGenerator.Generate(new ModelSpec { Shape = ModelShape.Tiny, TensorType = GgufTensorType.F32, Seed = 7 }, ModelPath);
        Engine = LlamaEngine.Load(Options, Logs);
    }

    public string ModelPath { get; }

    public ListLogger Logs { get; } = new();

    /// <remarks>
    /// One thread: the tiny model's graph nodes are microseconds of work each, so with more threads the time goes
    /// into ggml's per-node barrier, which collapses when CI or parallel test assemblies oversubscribe the cores.
    /// </remarks>
    public LlamaEngineOptions Options => new() { ModelPath = ModelPath, ContextLength = ContextLength, Threads = 1 };

    public LlamaEngine Engine { get; }

    /// <summary>A second engine on the same file, with a KV memory no other test has touched.</summary>
    public LlamaEngine LoadFreshEngine(LlamaEngineOptions? options = null, ListLogger? logs = null) =>
        LlamaEngine.Load(options ?? Options, logs ?? new ListLogger());

    /// <summary>A scratch path inside the fixture's temp directory, deleted with it.</summary>
    public string TempPath(string name) => Path.Combine(_directory, name);

    public void Dispose()
    {
        Engine.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LlamaCollection : ICollectionFixture<TinyModelFixture>
{
    public const string Name = "llama engine";
}
