namespace EdgeRouter.Gguf;

/// <summary>
/// Checks that a GGUF file is one llama.cpp would load as a text model: structure (via <see cref="GgufFile"/>),
/// then the metadata and layout rules of llama.cpp's loader, so bad files fail here with a clear message instead
/// of deep inside native code.
/// </summary>
public static class GgufValidator
{
    /// <exception cref="GgufFormatException">naming the first problem.</exception>
    public static GgufFile Validate(string path, GgufValidationOptions? options = null)
    {
        options ??= GgufValidationOptions.Default;
        var file = GgufFile.Read(path, options.ReadOptions);
        try
        {
            Check(file, options);
        }
        catch (GgufFormatException ex)
        {
            throw ex.WithPath(path);
        }

        return file;
    }

    public static GgufFile Validate(Stream stream, GgufValidationOptions? options = null)
    {
        options ??= GgufValidationOptions.Default;
        var file = GgufFile.Read(stream, options.ReadOptions);
        Check(file, options);
        return file;
    }

    /// <summary>The non-throwing form, for listing many candidate files.</summary>
    public static bool TryValidate(string path, out GgufFile? file, out string? error, GgufValidationOptions? options = null)
    {
        try
        {
            file = Validate(path, options);
            error = null;
            return true;
        }
        catch (GgufFormatException ex)
        {
            (file, error) = (null, ex.Message);
            return false;
        }
    }

    /// <summary>Semantic checks on an already-read header.</summary>
    public static void Check(GgufFile file, GgufValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        options ??= GgufValidationOptions.Default;
        var arch = CheckArchitecture(file, options);
        CheckHyperparameters(file, arch);
        if (options.RequireTokenizer)
        {
            GgufTokenizerCheck.Check(file);
        }

        CheckTensorLayout(file);
        CheckEmbeddingShape(file);
    }

    private static string CheckArchitecture(GgufFile file, GgufValidationOptions options)
    {
        if (!file.TryGetValue(GgufKeys.Architecture, out var value))
        {
            throw Fail($"missing {GgufKeys.Architecture}");
        }

        if (value.AsString is not { } arch)
        {
            throw Fail($"{GgufKeys.Architecture} must be a string but is {GgufValue.TypeName(value.Type)}");
        }

        var supported = options.SupportedArchitectures ?? GgufArchitectures.Supported;
        if (!supported.Contains(arch))
        {
            var list = options.SupportedArchitectures is null
                ? GgufArchitectures.SupportedList
                : string.Join(", ", supported.Order(StringComparer.Ordinal));
            throw Fail($"unsupported architecture '{arch}' (supported: {list})");
        }

        return arch;
    }

    private static void CheckHyperparameters(GgufFile file, string arch)
    {
        // llama.cpp reads these as uint32 and rejects any other stored type.
        RequireUInt32(file, GgufKeys.ContextLength(arch), 1, uint.MaxValue);
        RequireUInt32(file, GgufKeys.EmbeddingLength(arch), 1, uint.MaxValue);
        RequireUInt32(file, GgufKeys.BlockCount(arch), 1, GgufConstants.MaxBlockCount);
        if (file.Tensors.Count == 0)
        {
            throw Fail("the file has no tensors");
        }
    }

    internal static uint RequireUInt32(GgufFile file, string key, uint min, uint max)
    {
        if (!file.TryGetValue(key, out var value))
        {
            throw Fail($"missing {key}");
        }

        if (value.Value is not uint v)
        {
            throw Fail($"{key} must be u32 but is {GgufValue.TypeName(value.Type)}");
        }

        if (v < min || v > max)
        {
            throw Fail($"{key} = {v} is out of range [{min}, {max}]");
        }

        return v;
    }

    private static void CheckTensorLayout(GgufFile file)
    {
        // gguf.cpp accepts only this packing, not merely aligned offsets.
        ulong expected = 0;
        foreach (var t in file.Tensors)
        {
            if (t.Offset != expected)
            {
                throw Fail($"tensor '{t.Name}' has offset {t.Offset} but llama.cpp requires {expected} (tensors must be packed in order, each padded to {file.Alignment})");
            }

            expected = (ulong)GgufHeaderParser.Align((long)expected + t.ByteSize, file.Alignment);
        }
    }

    private static void CheckEmbeddingShape(GgufFile file)
    {
        if (file.FindTensor("token_embd.weight") is not { } embd || embd.Shape.Count < 2)
        {
            return;
        }

        if (file.EmbeddingLength is { } n && (ulong)embd.Shape[0] != n)
        {
            throw Fail($"token_embd.weight rows have {embd.Shape[0]} values but the embedding length is {n}");
        }

        if (file.VocabSize is { } vocab && embd.Shape[1] != vocab)
        {
            throw Fail($"token_embd.weight has {embd.Shape[1]} rows but the vocabulary has {vocab} tokens");
        }
    }

    internal static GgufFormatException Fail(string problem) => new(problem, filePath: null);
}
