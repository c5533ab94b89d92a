namespace EdgeRouter.Gguf;

/// <summary>
/// The header of a GGUF file: metadata and tensor infos, with the values llama.cpp cares about pulled out.
/// Reading never touches tensor data, so it takes milliseconds even for multi-gigabyte files.
/// </summary>
public sealed class GgufFile
{
    private readonly Dictionary<string, GgufValue> _metadata;
    private readonly Dictionary<string, GgufTensorInfo> _tensorsByName;

    internal GgufFile(string? path, long fileSize, uint version, Dictionary<string, GgufValue> metadata,
        List<GgufTensorInfo> tensors, uint alignment, long dataOffset)
    {
        Path = path;
        FileSize = fileSize;
        Version = version;
        _metadata = metadata;
        Tensors = tensors;
        _tensorsByName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        Alignment = alignment;
        DataOffset = dataOffset;
        Architecture = GetString(GgufKeys.Architecture);
        ParameterCount = SaturatingSum(tensors, t => t.ElementCount);
        TensorDataBytes = SaturatingSum(tensors, t => t.ByteSize);
    }

    /// <summary>Reads and structurally checks the header. Throws <see cref="GgufFormatException"/> for any bad content.</summary>
    /// <exception cref="FileNotFoundException">and other I/O exceptions when the file cannot be opened or read.</exception>
    public static GgufFile Read(string path, GgufReadOptions? options = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess);
        try
        {
            return GgufHeaderParser.Parse(stream, path, options ?? GgufReadOptions.Default);
        }
        catch (GgufFormatException ex)
        {
            throw ex.WithPath(path);
        }
    }

    /// <summary>Reads from a seekable stream whose byte 0 is the start of the GGUF file.</summary>
    public static GgufFile Read(Stream stream, GgufReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead || !stream.CanSeek)
        {
            throw new ArgumentException("The stream must be readable and seekable.", nameof(stream));
        }

        return GgufHeaderParser.Parse(stream, null, options ?? GgufReadOptions.Default);
    }

    public string? Path { get; }

    public long FileSize { get; }

    public uint Version { get; }

    /// <summary>All metadata, in file order. Long arrays have no items unless asked for (<see cref="GgufReadOptions.ArrayItemLimit"/>).</summary>
    public IReadOnlyDictionary<string, GgufValue> Metadata => _metadata;

    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    public int TensorCount => Tensors.Count;

    public uint Alignment { get; }

    /// <summary>Absolute file offset of the data section; tensor offsets are relative to it.</summary>
    public long DataOffset { get; }

    public long TensorDataBytes { get; }

    /// <summary>Sum of element counts over all tensors.</summary>
    public long ParameterCount { get; }

    public string? Architecture { get; }

    public string? Name => GetString(GgufKeys.Name);

    public string? ChatTemplate => GetString(GgufKeys.ChatTemplate);

    public string? TokenizerModel => GetString(GgufKeys.TokenizerModel);

    public ulong? ContextLength => GetArchUInt64(GgufKeys.ContextLength);

    public ulong? EmbeddingLength => GetArchUInt64(GgufKeys.EmbeddingLength);

    public ulong? BlockCount => GetArchUInt64(GgufKeys.BlockCount);

    public ulong? HeadCount => GetArchUInt64(GgufKeys.HeadCount);

    /// <summary>Length of tokenizer.ggml.tokens, else {arch}.vocab_size.</summary>
    public long? VocabSize =>
        TryGetValue(GgufKeys.Tokens, out var tokens) && tokens.AsArray is { } array
            ? array.Count
            : (long?)GetArchUInt64(GgufKeys.VocabSize);

    /// <summary>general.file_type (llama_ftype), when present.</summary>
    public uint? FileType => TryGetValue(GgufKeys.FileType, out var v) && v.TryGetUInt64(out var u) && u <= uint.MaxValue ? (uint)u : null;

    /// <summary>
    /// The quantization as users name it ("Q8_0", "Q4_K_M", "F16"): from general.file_type when it is a known
    /// value, else the type holding most of the matrix bytes; "unknown" when there are no tensors.
    /// </summary>
    public string FileTypeName
    {
        get
        {
            if (FileType is { } ft && GgufFileTypes.TryGetName(ft, out var name))
            {
                return name;
            }

            return GgufFileTypes.DominantType(Tensors) is { } t ? GgmlTypeTraits.GetName(t) : "unknown";
        }
    }

    public bool TryGetValue(string key, out GgufValue value) => _metadata.TryGetValue(key, out value!);

    public string? GetString(string key) => TryGetValue(key, out var v) ? v.AsString : null;

    /// <summary>Any non-negative integer value, widened.</summary>
    public ulong? GetUInt64(string key) => TryGetValue(key, out var v) && v.TryGetUInt64(out var u) ? u : null;

    public GgufTensorInfo? FindTensor(string name) => _tensorsByName.GetValueOrDefault(name);

    private ulong? GetArchUInt64(Func<string, string> key) => Architecture is null ? null : GetUInt64(key(Architecture));

    // A crafted file can declare overlapping tensors whose sizes add up past long.MaxValue; Sum would throw.
    private static long SaturatingSum(List<GgufTensorInfo> tensors, Func<GgufTensorInfo, long> value)
    {
        UInt128 sum = 0;
        foreach (var t in tensors)
        {
            sum += (ulong)value(t);
        }

        return sum > long.MaxValue ? long.MaxValue : (long)sum;
    }
}
