namespace EdgeRouter.Core.Inference;

/// <summary>How the next token is chosen. Temperature 0 means greedy.</summary>
public sealed record SamplingOptions
{
    public float Temperature { get; init; } = 0.8f;
    public float TopP { get; init; } = 0.95f;
    public int TopK { get; init; } = 40;
    public float MinP { get; init; } = 0.05f;

    /// <summary>Null draws a random seed per request.</summary>
    public uint? Seed { get; init; }

    /// <summary>Null means "until end of generation or the context is full".</summary>
    public int? MaxTokens { get; init; }

    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>Locally typical sampling; 1 = off.</summary>
    public float TypicalP { get; init; } = 1f;

    /// <summary>Multiplicative repeat penalty over the last <see cref="RepeatLastN"/> tokens; 1 = off (Ollama's repeat_penalty).</summary>
    public float RepeatPenalty { get; init; } = 1f;

    /// <summary>Additive penalty for any token seen in the window; 0 = off (OpenAI presence_penalty).</summary>
    public float PresencePenalty { get; init; }

    /// <summary>Additive penalty per occurrence in the window; 0 = off (OpenAI frequency_penalty).</summary>
    public float FrequencyPenalty { get; init; }

    /// <summary>How many recent tokens the penalties look at; -1 = the whole context (Ollama's convention), 0 = none.</summary>
    public int RepeatLastN { get; init; } = 64;

    /// <summary>Token id → bias added to its logit (OpenAI logit_bias); -100 or less bans the token.</summary>
    public IReadOnlyDictionary<int, float> LogitBias { get; init; } = new Dictionary<int, float>();

    /// <summary>A per-request context window (Ollama num_ctx), at most the loaded one; null = the loaded window.</summary>
    public int? ContextLimit { get; init; }

    /// <summary>True when any repeat/presence/frequency penalty is active.</summary>
    public bool HasPenalties => RepeatLastN != 0 && (RepeatPenalty != 1f || PresencePenalty != 0f || FrequencyPenalty != 0f);

    public static SamplingOptions Greedy { get; } = new() { Temperature = 0f };
}
