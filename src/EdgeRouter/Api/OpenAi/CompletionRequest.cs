using System.Text.Json;

namespace EdgeRouter.Host.Api.OpenAi;

/// <summary>POST /v1/completions (the legacy text completion API).</summary>
internal sealed class CompletionRequest
{
    public string? Model { get; init; }
    /// <summary>A string, or an array holding one string.</summary>
    public JsonElement? Prompt { get; init; }
    public bool? Stream { get; init; }
    public StreamOptionsDto? StreamOptions { get; init; }
    public int? MaxTokens { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public int? TopK { get; init; }
    public double? MinP { get; init; }
    /// <summary>llama-server's extras, honoured on the local tier.</summary>
    public double? TypicalP { get; init; }
    public double? RepeatPenalty { get; init; }
    public int? RepeatLastN { get; init; }
    public JsonElement? ResponseFormat { get; init; }
    public long? Seed { get; init; }
    public JsonElement? Stop { get; init; }
    public int? N { get; init; }
    public int? BestOf { get; init; }
    public bool? Echo { get; init; }
    public string? Suffix { get; init; }
    public int? Logprobs { get; init; }
    public string? User { get; init; }
    public double? PresencePenalty { get; init; }
    public double? FrequencyPenalty { get; init; }
    public JsonElement? LogitBias { get; init; }
}
