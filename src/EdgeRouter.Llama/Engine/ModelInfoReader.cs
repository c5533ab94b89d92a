using EdgeRouter.Gguf;
using EdgeRouter.Core.Inference;
using EdgeRouter.Llama.Native;

namespace EdgeRouter.Llama.Engine;

/// <summary>Reads what the API reports about a loaded model from llama.cpp's view of it.</summary>
internal static unsafe class ModelInfoReader
{
    /// <remarks>
    /// The quantization comes from the GGUF reader when it knows the file type, because it uses the names people
    /// search for ("Q4_K_M"); llama_ftype_name says "Q4_K - Medium".
    /// </remarks>
    public static ModelInfo Read(
        LlamaModelHandle model, LlamaContextHandle context, GgufFile gguf, string name, DateTimeOffset loadedAt, TimeSpan loadDuration) =>
        new()
        {
            Name = name,
            Path = gguf.Path ?? string.Empty,
            Architecture = Meta(model, "general.architecture") ?? gguf.Architecture ?? "unknown",
            FileBytes = gguf.FileSize,
            ParameterCount = (long)LlamaNative.llama_model_n_params(model),
            Quantization = gguf.FileTypeName is { } known and not "unknown"
                ? known
                : Quantization(LlamaNative.llama_model_ftype(model)),
            ContextLength = (int)LlamaNative.llama_n_ctx(context),
            TrainContextLength = LlamaNative.llama_model_n_ctx_train(model),
            ChatTemplate = PromptRenderer.ReadTemplate(model),
            LoadedAt = loadedAt,
            LoadDuration = loadDuration,
        };

    /// <summary>llama_ftype_name says "all F32" and prefixes "(guessed) " when general.file_type is absent.</summary>
    internal static string Quantization(int ftype)
    {
        var name = NativeText.Utf8(LlamaNative.llama_ftype_name(ftype));
        return Normalize(name);
    }

    internal static string Normalize(string ftypeName)
    {
        const string Guessed = "(guessed) ";
        var name = ftypeName.StartsWith(Guessed, StringComparison.Ordinal) ? ftypeName[Guessed.Length..] : ftypeName;
        return name == "all F32" ? "F32" : name;
    }

    private static string? Meta(LlamaModelHandle model, string key)
    {
        const int Capacity = 256;
        var buffer = stackalloc byte[Capacity];
        var length = LlamaNative.llama_model_meta_val_str(model, key, buffer, Capacity);
        return length < 0 ? null : NativeText.Utf8(buffer);
    }
}
