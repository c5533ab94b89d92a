using System.Buffers.Binary;
using System.Text;
using EdgeRouter.Gguf;
using EdgeRouter.Tests.Gguf;

namespace EdgeRouter.Tests.Host.Check;

/// <summary>
/// The hostile model-file corpus, generated (never committed) from a valid tiny model: cuts at many offsets, lying
/// counts, lengths, offsets, types and dimensions, bad alignment, files that are not GGUF at all, a directory and a
/// missing file. <see cref="Problem"/> is a fragment the error must contain.
/// </summary>
internal sealed record HostileModel(string Name, string Problem, Func<string, string> Create)
{
    public override string ToString() => Name;

    /// <summary>Writes the case under <paramref name="directory"/> and returns the path to pass as --model.</summary>
    public string CreateIn(string directory) => Create(Path.Join(directory, Name));

    public static IReadOnlyList<HostileModel> All { get; } = Build();

    public static HostileModel Named(string name) => All.Single(m => m.Name == name);

    /// <summary>The representative subset the real binary runs (check and serve): one of each kind of lie.</summary>
    public static IEnumerable<object[]> BinarySubset() => new[]
    {
        "empty.gguf", "text.gguf", "elf.gguf", "zip.gguf", "directory.gguf", "missing.gguf", "truncated-at-20.gguf",
        "truncated-in-data.gguf", "tensor-count-huge.gguf", "tensor-offset-beyond-end.gguf", "tensor-type-unknown.gguf",
        "tensor-dims-too-many.gguf", "string-length-lies.gguf", "array-length-lies.gguf", "alignment-not-power-of-two.gguf",
    }.Select(static name => new object[] { name });

    public static IEnumerable<object[]> AllNames() => All.Select(static m => new object[] { m.Name });

    private static List<HostileModel> Build()
    {
        var model = TinyModels.Bytes(GgufTensorType.Q8_0);
        var header = TinyModels.Read(model);
        var dataOffset = header.DataOffset;
        var dataEnd = model.Length;
        var cases = new List<HostileModel>
        {
            Bytes("empty.gguf", "the file is empty", []),
            Bytes("text.gguf", "not a GGUF file (magic", Encoding.UTF8.GetBytes("this is a README, not a model\n")),
            Bytes("elf.gguf", "not a GGUF file (magic 0x464C457F", [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. new byte[120]]),
            Bytes("zip.gguf", "not a GGUF file (magic 0x04034B50", [(byte)'P', (byte)'K', 3, 4, 20, 0, .. new byte[60]]),
            Bytes("magic-only.gguf", "truncated", "GGUF"u8.ToArray()),
            Bytes("version-byte-swapped.gguf", "looks byte-swapped", Patch(model, 4, 0x03000000u)),
            Bytes("version-99.gguf", "unsupported GGUF version 99", Patch(model, 4, 99u)),
            new("directory.gguf", "is a directory", static path => Directory.CreateDirectory(path).FullName),
            new("missing.gguf", "does not exist", static path => path),
            Bytes("tensor-count-huge.gguf", "is absurd", Patch(model, 8, 1L << 62)),
            Bytes("tensor-count-negative.gguf", "is negative", Patch(model, 8, -1L)),
            Bytes("tensor-count-one-more.gguf", "", Patch(model, 8, header.Tensors.Count + 1L)),
            Bytes("tensor-count-zero.gguf", "", Patch(model, 8, 0L)),
            Bytes("kv-count-huge.gguf", "is absurd", Patch(model, 16, long.MaxValue)),
            Bytes("kv-count-one-more.gguf", "", Patch(model, 16, header.Metadata.Count + 1L)),
            Bytes("string-length-lies.gguf", "exceeds the file", PatchKeyLength(model, "general.architecture", ulong.MaxValue / 2)),
            Bytes("string-value-length-lies.gguf", "exceeds the file", PatchAfterKey(model, "general.architecture", 4, ulong.MaxValue - 7)),
            Bytes("array-length-lies.gguf", "exceeds the file", PatchAfterKey(model, "tokenizer.ggml.tokens", 8, 1UL << 29)),
            Bytes("array-length-absurd.gguf", "is absurd", PatchAfterKey(model, "tokenizer.ggml.tokens", 8, 1UL << 40)),
            Bytes("architecture-unknown.gguf", "unsupported architecture", ReplaceAfterKey(model, "general.architecture", 12, "llama", "zzzzz")),
            Bytes("tensor-offset-beyond-end.gguf", "beyond the end of the file", PatchTensor(model, "token_embd.weight", TensorField.Offset, 1UL << 40)),
            Bytes("tensor-offset-misaligned.gguf", "", PatchTensor(model, "token_embd.weight", TensorField.Offset, 4)),
            Bytes("tensor-type-unknown.gguf", "unknown ggml type 99", PatchTensor(model, "token_embd.weight", TensorField.Type, 99)),
            Bytes("tensor-type-removed-q4_2.gguf", "unknown ggml type 4", PatchTensor(model, "token_embd.weight", TensorField.Type, 4)),
            Bytes("tensor-dims-too-many.gguf", "dimensions (ggml allows at most 4)", PatchTensor(model, "token_embd.weight", TensorField.DimensionCount, 5)),
            Bytes("tensor-dims-huge.gguf", "", PatchTensor(model, "token_embd.weight", TensorField.FirstDimension, 1UL << 40)),
            Bytes("tensor-dims-negative.gguf", "(negative)", PatchTensor(model, "token_embd.weight", TensorField.FirstDimension, ulong.MaxValue)),
            Bytes("alignment-not-power-of-two.gguf", "is not a power of two", RawGguf.Header(0, 1).KvU32("general.alignment", 48).ToArray()),
            Bytes("alignment-wrong-type.gguf", "general.alignment must be u32", RawGguf.Header(0, 1).KvStr("general.alignment", "32").ToArray()),
            Bytes("truncated-at-20.gguf", "truncated at byte 20", model[..20]),
            Bytes("truncated-in-data.gguf", "beyond the end of the file", model[..(int)(dataOffset + ((dataEnd - dataOffset) / 2))]),
            Bytes("truncated-one-byte-short.gguf", "beyond the end of the file", model[..^1]),
        };

        // Cuts through the whole header at a prime stride (every field kind gets hit), then through the tensor data.
        for (long cut = 1; cut < dataOffset; cut += 97)
        {
            cases.Add(Bytes($"truncated-at-{cut}.gguf", "", model[..(int)cut]));
        }
        for (var i = 1; i <= 8; i++)
        {
            var cut = dataOffset + ((dataEnd - dataOffset) * i / 9);
            cases.Add(Bytes($"truncated-data-{i}of9.gguf", "beyond the end of the file", model[..(int)cut]));
        }
        return cases;
    }

    private static HostileModel Bytes(string name, string problem, byte[] bytes) => new(name, problem, path =>
    {
        File.WriteAllBytes(path, bytes);
        return path;
    });

    private static byte[] Patch(byte[] source, int at, uint value)
    {
        var copy = (byte[])source.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(at), value);
        return copy;
    }

    private static byte[] Patch(byte[] source, int at, long value)
    {
        var copy = (byte[])source.Clone();
        BinaryPrimitives.WriteInt64LittleEndian(copy.AsSpan(at), value);
        return copy;
    }

    private static byte[] Patch(byte[] source, int at, ulong value)
    {
        var copy = (byte[])source.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(copy.AsSpan(at), value);
        return copy;
    }

    /// <summary>Start of the string's bytes (just after its u64 length) for the first occurrence in the header.</summary>
    private static int Find(byte[] source, string text)
    {
        var at = source.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text));
        return at >= 8 ? at : throw new InvalidOperationException($"'{text}' is not in the generated model");
    }

    private static byte[] PatchKeyLength(byte[] source, string key, ulong length) => Patch(source, Find(source, key) - 8, length);

    /// <summary>Overwrites the u64 <paramref name="skip"/> bytes after the key (past its value type and any element type).</summary>
    private static byte[] PatchAfterKey(byte[] source, string key, int skip, ulong value) =>
        Patch(source, Find(source, key) + key.Length + skip, value);

    private static byte[] ReplaceAfterKey(byte[] source, string key, int skip, string expected, string replacement)
    {
        var copy = (byte[])source.Clone();
        var at = Find(source, key) + key.Length + skip;
        if (Encoding.UTF8.GetString(copy, at, expected.Length) != expected)
        {
            throw new InvalidOperationException($"'{key}' is not '{expected}' in the generated model");
        }
        Encoding.UTF8.GetBytes(replacement).CopyTo(copy, at);
        return copy;
    }

    private enum TensorField { DimensionCount, FirstDimension, Type, Offset }

    /// <summary>Patches one field of a tensor info: name, u32 n_dims, u64 dims[n_dims], u32 type, u64 offset.</summary>
    private static byte[] PatchTensor(byte[] source, string tensor, TensorField field, ulong value)
    {
        // The tensor infos follow the metadata; search from there so a metadata string with the same text is skipped.
        var infos = source.AsSpan().LastIndexOf(Encoding.UTF8.GetBytes(tensor));
        var nameEnd = infos + tensor.Length;
        var dims = (int)BinaryPrimitives.ReadUInt32LittleEndian(source.AsSpan(nameEnd));
        var copy = (byte[])source.Clone();
        switch (field)
        {
            case TensorField.DimensionCount:
                BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(nameEnd), (uint)value);
                break;
            case TensorField.FirstDimension:
                BinaryPrimitives.WriteUInt64LittleEndian(copy.AsSpan(nameEnd + 4), value);
                break;
            case TensorField.Type:
                BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(nameEnd + 4 + (8 * dims)), (uint)value);
                break;
            case TensorField.Offset:
                BinaryPrimitives.WriteUInt64LittleEndian(copy.AsSpan(nameEnd + 4 + (8 * dims) + 4), value);
                break;
        }
        return copy;
    }
}
