using System.Text;
using EdgeRouter.Gguf;

namespace EdgeRouter.Tests.Gguf;

/// <summary>
/// Hand-assembles GGUF bytes, including ones that lie (counts, lengths, offsets), which <see cref="GgufWriter"/>
/// refuses to produce.
/// </summary>
internal sealed class RawGguf
{
    private readonly MemoryStream _bytes = new();
    private readonly BinaryWriter _w;

    public RawGguf()
    {
        _w = new BinaryWriter(_bytes, Encoding.UTF8, leaveOpen: true);
    }

    public long Position => _bytes.Position;

    /// <summary>Magic, version and the two counts, exactly as given.</summary>
    public static RawGguf Header(long tensors, long kvs, uint version = 3, uint magic = GgufConstants.Magic) =>
        new RawGguf().U32(magic).U32(version).I64(tensors).I64(kvs);

    public RawGguf U8(byte v) { _w.Write(v); return this; }
    public RawGguf U32(uint v) { _w.Write(v); return this; }
    public RawGguf U64(ulong v) { _w.Write(v); return this; }
    public RawGguf I64(long v) { _w.Write(v); return this; }
    public RawGguf F32(float v) { _w.Write(v); return this; }

    public RawGguf Str(string s)
    {
        var b = Encoding.UTF8.GetBytes(s);
        return U64((ulong)b.Length).Raw(b);
    }

    public RawGguf Raw(byte[] b) { _w.Write(b); return this; }

    public RawGguf KvU32(string key, uint v) => Str(key).U32((uint)GgufValueType.UInt32).U32(v);
    public RawGguf KvI32(string key, int v) => Str(key).U32((uint)GgufValueType.Int32).U32((uint)v);
    public RawGguf KvStr(string key, string v) => Str(key).U32((uint)GgufValueType.String).Str(v);

    public RawGguf KvStrArray(string key, params string[] items)
    {
        Str(key).U32((uint)GgufValueType.Array).U32((uint)GgufValueType.String).U64((ulong)items.Length);
        foreach (var s in items)
        {
            Str(s);
        }

        return this;
    }

    public RawGguf TensorInfo(string name, GgmlType type, ulong offset, params long[] shape)
    {
        Str(name).U32((uint)shape.Length);
        foreach (var ne in shape)
        {
            U64((ulong)ne);
        }

        return U32((uint)type).U64(offset);
    }

    public RawGguf PadTo(int alignment)
    {
        while (_bytes.Position % alignment != 0)
        {
            U8(0);
        }

        return this;
    }

    public RawGguf Zeros(int count) => Raw(new byte[count]);

    public byte[] ToArray()
    {
        _w.Flush();
        return _bytes.ToArray();
    }

    /// <summary>
    /// The metadata of a minimal loadable llama model with <paramref name="extraKvs"/> more entries to follow; the
    /// caller then writes the one tensor info: token_embd.weight F32 [4, 3] (48 bytes).
    /// </summary>
    public static RawGguf MinimalModelPrefix(string arch = "llama", int extraKvs = 0, long tensors = 1) =>
        Header(tensors, 6 + extraKvs)
            .KvStr("general.architecture", arch)
            .KvU32(arch + ".context_length", 128)
            .KvU32(arch + ".embedding_length", 4)
            .KvU32(arch + ".block_count", 1)
            .KvStr("tokenizer.ggml.model", "llama")
            .KvStrArray("tokenizer.ggml.tokens", "<unk>", "<s>", "</s>");

    public static byte[] MinimalModel(string arch = "llama", ulong offset = 0, GgmlType type = GgmlType.F32) =>
        MinimalModelPrefix(arch).TensorInfo("token_embd.weight", type, offset, 4, 3).PadTo(32).Zeros(64).ToArray();
}
