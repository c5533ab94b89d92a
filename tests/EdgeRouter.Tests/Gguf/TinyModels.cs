using System.Collections.Concurrent;
using EdgeRouter.Gguf;

namespace EdgeRouter.Tests.Gguf;

/// <summary>Tiny generated models, built once per test run and shared (they are immutable byte arrays).</summary>
internal static class TinyModels
{
    public const ulong Seed = 42;

    private static readonly ConcurrentDictionary<GgufTensorType, byte[]> Cache = new();

    public static byte[] Bytes(GgufTensorType type) => Cache.GetOrAdd(type, t => Generate(Spec(t)));

    public static ModelSpec Spec(GgufTensorType type, ulong seed = Seed) =>
        new() { Shape = ModelShape.Tiny, TensorType = type, Seed = seed };

    public static byte[] Generate(ModelSpec spec)
    {
        using var stream = new MemoryStream();
        ModelGenerator.Write(spec, stream);
        return stream.ToArray();
    }

    public static GgufFile Read(byte[] bytes, long? length = null, GgufReadOptions? options = null) =>
        GgufFile.Read(new MemoryStream(bytes, 0, (int)(length ?? bytes.Length), writable: false), options);
}
