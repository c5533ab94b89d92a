using System.Collections.Frozen;

namespace EdgeRouter.Gguf;

/// <summary>
/// general.architecture values the bundled llama.cpp (v0.5.0, src/llama-arch.cpp) can load as a text generator.
/// </summary>
/// <remarks>
/// Left out on purpose: "clip" (a vision projector, not a model), and encoder-only or embedding-only
/// architectures (bert family, t5encoder, gemma-embedding, llama-embed, wavtokenizer-dec) that cannot generate text.
/// There is no "mistral": Mistral 7B ships as "llama"; newer Mistral models use "mistral3"/"mistral4".
/// </remarks>
public static class GgufArchitectures
{
    private static readonly string[] Names =
    [
        "afmoe", "apertus", "arcee", "arctic", "arwkv7", "baichuan", "bailingmoe", "bailingmoe2", "bailingmoe3",
        "bitnet", "bloom", "chameleon", "chatglm", "codeshell", "cogvlm", "cohere2", "cohere2moe", "command-r",
        "dbrx", "deci", "deepseek", "deepseek2", "deepseek2-ocr", "deepseek32", "deepseek4", "dflash", "dots1",
        "dots3note", "dream", "eagle3", "ernie4_5", "ernie4_5-moe", "exaone", "exaone-moe", "exaone4", "falcon",
        "falcon-h1", "gemma", "gemma2", "gemma3", "gemma3n", "gemma4", "gemma4-assistant", "glm-dsa", "glm4",
        "glm4moe", "gpt-oss", "gpt2", "gptj", "gptneox", "granite", "granite_swa", "granitehybrid", "granitemoe",
        "graniteswitch", "grok", "grovemoe", "hrm_text", "hunyuan-dense", "hunyuan-moe", "hunyuan_vl", "hy_v3",
        "hy_v4", "internlm2", "jais", "jais2", "jamba", "kimi-k3", "kimi-linear", "laguna", "lfm2", "lfm2moe",
        "llada", "llada-moe", "llama", "llama4", "maincoder", "mamba", "mamba2", "maple", "mellum", "mimo2",
        "minicpm", "minicpm3", "minimax-01", "minimax-m2", "minimax-m3", "mistral3", "mistral4", "mpt",
        "muse-glimmer", "nanbeige", "nemotron", "nemotron_h", "nemotron_h_moe", "olmo", "olmo2", "olmoe",
        "openelm", "orion", "paddleocr", "pangu-embedded", "phi2", "phi3", "phimoe", "plamo", "plamo2", "plamo3",
        "plm", "qwen", "qwen2", "qwen2moe", "qwen2vl", "qwen3", "qwen3moe", "qwen3next", "qwen3vl", "qwen3vlmoe",
        "qwen35", "qwen35moe", "qwen4exp", "refact", "rnd1", "rwkv6", "rwkv6qwen2", "rwkv7", "seed_oss",
        "smallthinker", "smollm3", "spark2_5", "stablelm", "starcoder", "starcoder2", "step35", "t5", "talkie",
        "xverse",
    ];

    /// <summary>Encoder-only and embedding-only architectures: they cannot generate, but serve embeddings.</summary>
    private static readonly string[] EmbeddingNames =
    [
        "bert", "eurobert", "gemma-embedding", "jina-bert-v2", "jina-bert-v3", "llama-embed", "modern-bert", "neo-bert",
        "nomic-bert", "nomic-bert-moe", "t5encoder",
    ];

    public static FrozenSet<string> Supported { get; } = Names.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>What an embedding model may be: an embedding-only architecture, or any decoder (pooled).</summary>
    public static FrozenSet<string> SupportedForEmbeddings { get; } = Names.Concat(EmbeddingNames).ToFrozenSet(StringComparer.Ordinal);

    public static bool IsSupportedForEmbeddings(string architecture) => SupportedForEmbeddings.Contains(architecture);

    public static bool IsSupported(string architecture) => Supported.Contains(architecture);

    /// <summary>Sorted, comma-separated, for error messages.</summary>
    public static string SupportedList { get; } = string.Join(", ", Names.Order(StringComparer.Ordinal));
}
