using EdgeRouter.Gguf;
using Xunit;

namespace EdgeRouter.Tests.Gguf;

public sealed class GgufWriterTests
{
    [Fact]
    public void Metadata_AllValueTypes_RoundTrip()
    {
        var nested = new GgufArray(GgufValueType.Array, 2,
            new[] { new GgufArray(GgufValueType.Int32, 2, new[] { 1, 2 }), new GgufArray(GgufValueType.String, 1, new[] { "x" }) });
        var values = new Dictionary<string, GgufValue>
        {
            ["t.u8"] = GgufValue.UInt8(200),
            ["t.i8"] = GgufValue.Int8(-100),
            ["t.u16"] = GgufValue.UInt16(65000),
            ["t.i16"] = GgufValue.Int16(-32000),
            ["t.u32"] = GgufValue.UInt32(4_000_000_000),
            ["t.i32"] = GgufValue.Int32(-2_000_000_000),
            ["t.f32"] = GgufValue.Float32(1.5e-6f),
            ["t.bool"] = GgufValue.Bool(true),
            ["t.str"] = GgufValue.String("héllo ▁ <|im_start|>"),
            ["t.u64"] = GgufValue.UInt64(ulong.MaxValue),
            ["t.i64"] = GgufValue.Int64(long.MinValue),
            ["t.f64"] = GgufValue.Float64(Math.PI),
            ["t.strs"] = GgufValue.StringArray(["a", "", "ccc"]),
            ["t.f32s"] = GgufValue.Float32Array([0f, -1f, 3.25f]),
            ["t.i32s"] = GgufValue.Int32Array([int.MinValue, 0, int.MaxValue]),
            ["t.nested"] = GgufValue.Array(nested),
        };
        var bytes = Write(w =>
        {
            foreach (var (k, v) in values)
            {
                w.AddMetadata(k, v);
            }
        });

        var file = TinyModels.Read(bytes);

        Assert.Equal(values.Keys, file.Metadata.Keys);
        foreach (var (key, expected) in values.Where(kv => kv.Value.Type != GgufValueType.Array))
        {
            Assert.Equal(expected.Type, file.Metadata[key].Type);
            Assert.Equal(expected.Value, file.Metadata[key].Value);
        }

        Assert.Equal(["a", "", "ccc"], (string[])file.Metadata["t.strs"].AsArray!.Items!);
        Assert.Equal([0f, -1f, 3.25f], (float[])file.Metadata["t.f32s"].AsArray!.Items!);
        Assert.Equal([int.MinValue, 0, int.MaxValue], (int[])file.Metadata["t.i32s"].AsArray!.Items!);
        var inner = (GgufArray[])file.Metadata["t.nested"].AsArray!.Items!;
        Assert.Equal([1, 2], (int[])inner[0].Items!);
        Assert.Equal(["x"], (string[])inner[1].Items!);
    }

    [Fact]
    public void LongArrays_SkippedByDefault_KeptOnRequest()
    {
        var bytes = Write(w => w.AddMetadata("big", GgufValue.Int32Array(Enumerable.Range(0, 1000).ToArray())));

        var skipped = TinyModels.Read(bytes).Metadata["big"].AsArray!;
        var kept = TinyModels.Read(bytes, options: new GgufReadOptions { ArrayItemLimit = 1000 }).Metadata["big"].AsArray!;

        Assert.Equal(1000, skipped.Count);
        Assert.Null(skipped.Items);
        Assert.Equal(999, ((int[])kept.Items!)[999]);
    }

    [Fact]
    public void TensorOffsets_AreRunningSumOfPaddedSizes()
    {
        var bytes = Write(w =>
        {
            w.AddTensor("a", GgmlType.F32, 3);      // 12 bytes -> 32
            w.AddTensor("b", GgmlType.Q8_0, 64, 2); // 4 blocks * 34 = 136 -> 160
            w.AddTensor("c", GgmlType.F16, 5);      // 10 -> 32
        }, data: w =>
        {
            w.WriteTensorData([1f, 2f, 3f]);
            w.WriteTensorData(new float[128]);
            w.WriteTensorData([1f, 2f, 3f, 4f, 5f]);
        });

        var file = TinyModels.Read(bytes);

        Assert.Equal([0ul, 32ul, 192ul], file.Tensors.Select(t => t.Offset));
        Assert.Equal([12L, 136L, 10L], file.Tensors.Select(t => t.ByteSize));
        Assert.Equal(0, file.DataOffset % 32);
        Assert.Equal(file.DataOffset + 224, bytes.Length);
        Assert.Equal(1f, BitConverter.ToSingle(bytes, (int)file.DataOffset));
        Assert.Equal((Half)5f, BitConverter.ToHalf(bytes, (int)file.DataOffset + 192 + 8));
    }

    [Fact]
    public void NonDefaultAlignment_IsDeclaredAndHonoured()
    {
        var bytes = Write(w => w.AddTensor("a", GgmlType.F32, 3), w => w.WriteTensorData([1f, 2f, 3f]), alignment: 64);

        var file = TinyModels.Read(bytes);

        Assert.Equal(64u, file.Alignment);
        Assert.Equal(0, file.DataOffset % 64);
    }

    [Fact]
    public void ArrayItems_MustMatchElementType()
    {
        Assert.Throws<ArgumentException>(() => new GgufArray(GgufValueType.String, 2, new[] { 1, 2 }));
        Assert.Throws<ArgumentException>(() => new GgufArray(GgufValueType.Int32, 3, new[] { 1, 2 }));
    }

    [Fact]
    public void Misuse_IsRejected()
    {
        using var w = new GgufWriter(new MemoryStream());
        w.AddMetadata("k", GgufValue.Bool(true));
        w.AddTensor("t", GgmlType.F32, 4);

        Assert.Throws<ArgumentException>(() => w.AddMetadata("k", GgufValue.Bool(false)));
        Assert.Throws<ArgumentException>(() => w.AddTensor("t", GgmlType.F32, 4));
        Assert.Throws<ArgumentException>(() => w.AddTensor("q", GgmlType.Q8_0, 16));
        Assert.Throws<ArgumentException>(() => w.AddTensor(new string('x', 64), GgmlType.F32, 4));
        Assert.Throws<InvalidOperationException>(() => w.WriteTensorData([1f]));
        w.WriteHeader();
        Assert.Throws<InvalidOperationException>(() => w.AddTensor("late", GgmlType.F32, 4));
        Assert.Throws<InvalidOperationException>(() => w.WriteTensorData(new float[5]));
        Assert.Throws<InvalidOperationException>(w.Complete);
    }

    private static byte[] Write(Action<GgufWriter> declare, Action<GgufWriter>? data = null, uint alignment = 32)
    {
        var stream = new MemoryStream();
        using (var w = new GgufWriter(stream, alignment, leaveOpen: true))
        {
            declare(w);
            w.WriteHeader();
            data?.Invoke(w);
            w.Complete();
        }

        return stream.ToArray();
    }
}
