using System.Diagnostics.CodeAnalysis;

namespace EdgeRouter.Gguf;

/// <summary>Hyperparameters of a generated model. The presets copy the shapes of real models, not their weights.</summary>
public sealed record ModelShape
{
    public required string Name { get; init; }

    /// <summary>general.architecture; "llama", "qwen2" (decoders) and "bert" (an encoder) are the ones the generator lays out.</summary>
    public required string Architecture { get; init; }

    public required int BlockCount { get; init; }

    public required int EmbeddingLength { get; init; }

    public required int HeadCount { get; init; }

    public required int HeadCountKv { get; init; }

    public required int FeedForwardLength { get; init; }

    /// <summary>The training context written to {arch}.context_length: the largest n_ctx callers should ask for.</summary>
    public required int ContextLength { get; init; }

    /// <summary>Tokens in the vocabulary; 0 means just the generated tokenizer's own tokens, with no filler.</summary>
    public int VocabSize { get; init; }

    public float RopeFreqBase { get; init; } = 10000f;

    /// <summary>The RMS-norm epsilon of a decoder, or the layer-norm epsilon of the encoder.</summary>
    public float RmsNormEpsilon { get; init; } = 1e-5f;

    /// <summary>No output.weight: llama.cpp reuses token_embd.weight for the output projection.</summary>
    public bool TiedEmbeddings { get; init; }

    /// <summary>Q, K and V projections have biases (Qwen2).</summary>
    public bool AttentionBias { get; init; }

    public int HeadDimension => EmbeddingLength / HeadCount;

    /// <summary>A BERT encoder with a WordPiece vocabulary: an embedding model, not a text generator.</summary>
    public bool IsEncoder => Architecture == EncoderArchitecture;

    /// <summary>The encoder's architecture name in general.architecture.</summary>
    public const string EncoderArchitecture = "bert";

    /// <summary>2 layers, 64 wide, a few hundred tokens: loads and generates in milliseconds, for tests.</summary>
    public static ModelShape Tiny { get; } = new()
    {
        Name = "tiny",
        Architecture = "llama",
        BlockCount = 2,
        EmbeddingLength = 64,
        HeadCount = 4,
        HeadCountKv = 2,
        FeedForwardLength = 128,
        // Bigger than the model "deserves" so tests can open contexts of realistic size.
        ContextLength = 2048,
    };

    /// <summary>The shape of Qwen2.5-0.5B-Instruct: about 494 M parameters, 505 MiB as Q8_0.</summary>
    public static ModelShape Qwen25_0_5B { get; } = new()
    {
        Name = "qwen2.5-0.5b",
        Architecture = "qwen2",
        BlockCount = 24,
        EmbeddingLength = 896,
        HeadCount = 14,
        HeadCountKv = 2,
        FeedForwardLength = 4864,
        ContextLength = 32768,
        VocabSize = 151936,
        RopeFreqBase = 1000000f,
        RmsNormEpsilon = 1e-6f,
        TiedEmbeddings = true,
        AttentionBias = true,
    };

    /// <summary>The shape of Llama-3.2-1B-Instruct (without llama3 rope scaling): about 1.24 B parameters.</summary>
    public static ModelShape Llama32_1B { get; } = new()
    {
        Name = "llama-3.2-1b",
        Architecture = "llama",
        BlockCount = 16,
        EmbeddingLength = 2048,
        HeadCount = 32,
        HeadCountKv = 8,
        FeedForwardLength = 8192,
        ContextLength = 131072,
        VocabSize = 128256,
        RopeFreqBase = 500000f,
        TiedEmbeddings = true,
    };

    /// <summary>A 2-layer, 64-wide BERT embedding model with mean pooling: loads and embeds in milliseconds, for tests.</summary>
    public static ModelShape BertTiny { get; } = new()
    {
        Name = "bert-tiny",
        Architecture = EncoderArchitecture,
        BlockCount = 2,
        EmbeddingLength = 64,
        HeadCount = 4,
        HeadCountKv = 4,
        FeedForwardLength = 128,
        ContextLength = 512,
        RmsNormEpsilon = 1e-12f,
    };

    /// <summary>The shape of all-MiniLM-L6-v2: 6 layers, 384 dimensions, a 30522-token vocabulary (about 22 M parameters).</summary>
    public static ModelShape MiniLm { get; } = new()
    {
        Name = "minilm",
        Architecture = EncoderArchitecture,
        BlockCount = 6,
        EmbeddingLength = 384,
        HeadCount = 12,
        HeadCountKv = 12,
        FeedForwardLength = 1536,
        ContextLength = 512,
        VocabSize = 30522,
        RmsNormEpsilon = 1e-12f,
    };

    public static IReadOnlyList<ModelShape> Presets { get; } = [Tiny, Qwen25_0_5B, Llama32_1B, BertTiny, MiniLm];

    public static IReadOnlyList<string> Names { get; } = [.. Presets.Select(p => p.Name)];

    public static bool TryParse([NotNullWhen(true)] string? name, [NotNullWhen(true)] out ModelShape? shape)
    {
        var key = name?.Trim();
        shape = Presets.FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase));
        return shape is not null;
    }

    /// <exception cref="FormatException">with the list of valid names.</exception>
    public static ModelShape Parse(string name) =>
        TryParse(name, out var shape)
            ? shape
            : throw new FormatException($"Unknown model shape '{name}'. Valid shapes: {string.Join(", ", Names)}.");
}
