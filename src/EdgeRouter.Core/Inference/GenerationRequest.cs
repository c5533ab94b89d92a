using EdgeRouter.Core.Routing;

namespace EdgeRouter.Core.Inference;

/// <summary>
/// A chat (<see cref="Messages"/>, rendered with the model's chat template) or a raw completion
/// (<see cref="Prompt"/>, tokenized as is). Exactly one of the two is set.
/// </summary>
public sealed record GenerationRequest
{
    public IReadOnlyList<ChatMessage>? Messages { get; init; }
    public string? Prompt { get; init; }
    public SamplingOptions Sampling { get; init; } = new();

    /// <summary>Functions offered to the model (chat only); rendered into the prompt by the model's template.</summary>
    public IReadOnlyList<ToolDefinition>? Tools { get; init; }

    public ToolChoice ToolChoice { get; init; } = ToolChoice.Auto;

    /// <summary>False: at most one call per answer (OpenAI parallel_tool_calls).</summary>
    public bool ParallelToolCalls { get; init; } = true;

    /// <summary>True when the answer may be read as tool calls.</summary>
    public bool HasTools => Tools is { Count: > 0 } && ToolChoice.Mode != ToolChoiceMode.None;

    /// <summary>
    /// Null: no log-probabilities (nothing is computed). 0–<see cref="MaxTopLogprobs"/>: every emitted token's
    /// log-probability and that many most likely alternatives (OpenAI logprobs/top_logprobs; local tier only).
    /// </summary>
    public int? Logprobs { get; init; }

    /// <summary>OpenAI's limit on top_logprobs.</summary>
    public const int MaxTopLogprobs = 20;

    /// <summary>Null = free text. Set = every emitted token keeps the output inside the grammar (local tier only).</summary>
    public GrammarConstraint? Grammar { get; init; }

    /// <summary>
    /// A JSON object whose members an OpenAI-compatible upstream receives unchanged, next to the ones the router writes
    /// itself (model, messages, sampling, stream): tools, tool_choice, response_format, penalties, and fields the router
    /// does not know. The OpenAI surface hands over the client's own body, the Ollama surface its translation; the
    /// local tier reads the parsed fields instead. Empty for requests the router makes itself (probes).
    /// </summary>
    public ReadOnlyMemory<byte> UpstreamFields { get; init; }

    /// <summary>Background work never spills to a paid upstream unless its route allows it.</summary>
    public RequestPriority Priority { get; init; } = RequestPriority.Interactive;

    public static GenerationRequest Chat(IReadOnlyList<ChatMessage> messages, SamplingOptions? sampling = null) =>
        new() { Messages = messages, Sampling = sampling ?? new SamplingOptions() };

    public static GenerationRequest Completion(string prompt, SamplingOptions? sampling = null) =>
        new() { Prompt = prompt, Sampling = sampling ?? new SamplingOptions() };
}
