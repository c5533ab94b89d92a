namespace EdgeRouter.Llama.Native;

/// <summary>
/// Logical names used in [LibraryImport]; <see cref="LlamaLibraryResolver"/> maps them to files, because the
/// shipped files carry versioned names (libllama.v0.5.0.so) that default probing never tries.
/// </summary>
internal static class NativeLibraryNames
{
    public const string Llama = "llama";
    public const string Ggml = "ggml";
    public const string GgmlBase = "ggml-base";

    /// <summary>File names fetched by scripts/fetch-native.sh, tried first in the library directory.</summary>
    public const string PinnedLlamaFile = "libllama.v0.5.0.so";

    /// <summary>Candidates per logical name, in the order they are tried inside the library directory.</summary>
    public static IReadOnlyList<string> CandidateFiles(string logicalName) => logicalName switch
    {
        Llama => [PinnedLlamaFile, "libllama.so"],
        Ggml => ["libggml.v0.5.0.so", "libggml.so"],
        GgmlBase => ["libggml-base.so", "libggml-base.v0.5.0.so"],
        _ => [],
    };
}
