using System.Text;
using System.Text.Json;
using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api.OpenAi;

/// <summary>What a valid chat or completion request asks for, in the inference service's terms.</summary>
internal sealed record OpenAiCall(string Model, GenerationRequest Request, bool Stream, bool IncludeUsage);

/// <summary>Validates a /v1/chat/completions body and maps it to a <see cref="GenerationRequest"/>.</summary>
internal static class ChatRequestMapping
{
    /// <summary>The model name used when a request names none: the local tier's alias for "whatever is loaded".</summary>
    public const string DefaultModel = "default";

    /// <param name="raw">The body as received: an OpenAI-compatible upstream gets its tools, response_format and unknown fields unchanged.</param>
    public static ApiError? TryMap(ChatCompletionRequest body, ReadOnlyMemory<byte> raw, out OpenAiCall? call)
    {
        call = null;
        if (body.Messages is null)
        {
            return ApiError.InvalidRequest("Missing required parameter: 'messages'.", "messages", "missing_required_parameter");
        }
        if (body.Messages.Count == 0)
        {
            return ApiError.InvalidRequest(
                "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
                "messages", "empty_array");
        }

        var messages = new List<ChatMessage>(body.Messages.Count);
        for (var i = 0; i < body.Messages.Count; i++)
        {
            if (MapMessage(body.Messages[i], $"messages[{i}]", out var message) is { } error)
            {
                return error;
            }
            messages.Add(message!);
        }

        // max_completion_tokens replaced max_tokens; when both are sent the newer one wins, as with OpenAI.
        var maxTokens = body.MaxCompletionTokens ?? body.MaxTokens;
        var stopProblem = RequestChecks.ReadStop(body.Stop, "stop", out var stop);
        int? logprobs = null;
        var problem = RequestChecks.AtLeast(body.MaxTokens, 1, "max_tokens")
            ?? RequestChecks.AtLeast(body.MaxCompletionTokens, 1, "max_completion_tokens")
            ?? OpenAiSampling.Check(body.Temperature, body.TopP, body.TopK, body.MinP, body.N)
            ?? CheckUnsupported(body)
            ?? OpenAiLogprobs.ReadChat(body.Logprobs, body.TopLogprobs, out logprobs)
            ?? stopProblem;
        if (problem is not null)
        {
            return problem;
        }

        var toolProblem = ToolRequestReader.ReadTools(body.Tools, out var tools);
        var choiceProblem = ToolChoiceReader.Read(body.ToolChoice, tools, out var toolChoice);
        if ((toolProblem ?? choiceProblem) is { } toolError)
        {
            return toolError;
        }

        var sampling = OpenAiSampling.Build(body.Temperature, body.TopP, body.TopK, body.MinP, body.Seed, maxTokens, stop);
        if (OpenAiPenalties.Apply(sampling, body.PresencePenalty, body.FrequencyPenalty, body.LogitBias,
                body.TypicalP, body.RepeatPenalty, body.RepeatLastN, out sampling) is { } samplingProblem)
        {
            return samplingProblem;
        }
        if (StructuredOutput.ReadOpenAi(body.ResponseFormat, out var grammar) is { } formatProblem)
        {
            return formatProblem;
        }
        var request = GenerationRequest.Chat(messages, sampling) with
        {
            Tools = tools,
            ToolChoice = toolChoice,
            ParallelToolCalls = body.ParallelToolCalls ?? true,
            Grammar = grammar,
            Logprobs = logprobs,
            UpstreamFields = raw,
        };
        call = new OpenAiCall(ModelOrDefault(body.Model), request, body.Stream ?? false, body.StreamOptions?.IncludeUsage ?? false);
        return null;
    }

    public static string ModelOrDefault(string? model) => string.IsNullOrWhiteSpace(model) ? DefaultModel : model;

    private static ApiError? CheckUnsupported(ChatCompletionRequest body)
    {
        if (RequestChecks.IsSet(body.Functions) || RequestChecks.IsSet(body.FunctionCall))
        {
            return ApiError.InvalidRequest("The legacy 'functions' parameter is not supported; send 'tools' instead.", "functions", "unsupported_parameter");
        }
        return null;
    }

    private static ApiError? MapMessage(ChatMessageDto dto, string path, out ChatMessage? message)
    {
        message = null;
        var role = dto.Role switch
        {
            "system" or "developer" => "system",
            "user" or "assistant" or "tool" => dto.Role,
            null => null,
            _ => string.Empty,
        };
        if (role is null)
        {
            return ApiError.InvalidRequest($"Missing required parameter: '{path}.role'.", $"{path}.role", "missing_required_parameter");
        }
        if (role.Length == 0)
        {
            return ApiError.InvalidRequest(
                $"Invalid value: '{dto.Role}'. Supported values are: 'system', 'developer', 'user', 'assistant' and 'tool'.",
                $"{path}.role", "invalid_value");
        }

        if (ReadContent(dto.Content, $"{path}.content", out var content) is { } error)
        {
            return error;
        }
        if (content is null && role != "assistant")
        {
            return ApiError.InvalidRequest($"Missing required parameter: '{path}.content'.", $"{path}.content", "missing_required_parameter");
        }
        if (ToolRequestReader.ReadToolCalls(role == "assistant" ? dto.ToolCalls : null, $"{path}.tool_calls", out var toolCalls) is { } callsError)
        {
            return callsError;
        }
        if (role == "tool" && string.IsNullOrEmpty(dto.ToolCallId))
        {
            return ApiError.InvalidRequest($"Missing required parameter: '{path}.tool_call_id'.", $"{path}.tool_call_id", "missing_required_parameter");
        }
        message = new ChatMessage(role, content ?? string.Empty)
        {
            ToolCalls = toolCalls is { Count: > 0 } ? toolCalls : null,
            ToolCallId = role == "tool" ? dto.ToolCallId : null,
            Name = role == "tool" ? dto.Name : null,
        };
        return null;
    }

    /// <summary>A string, or the text parts of a content-part array joined by newlines.</summary>
    private static ApiError? ReadContent(JsonElement? content, string param, out string? text)
    {
        text = null;
        if (content is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (element.ValueKind == JsonValueKind.String)
        {
            text = element.GetString();
            return null;
        }
        if (element.ValueKind != JsonValueKind.Array)
        {
            return ApiError.InvalidRequest($"Invalid type for '{param}': expected a string or an array of content parts.", param, "invalid_type");
        }

        var joined = new StringBuilder();
        var index = 0;
        foreach (var part in element.EnumerateArray())
        {
            var partParam = $"{param}[{index++}]";
            if (part.ValueKind != JsonValueKind.Object
                || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return ApiError.InvalidRequest($"Invalid '{partParam}': expected an object with a 'type'.", partParam, "invalid_type");
            }
            if (type.GetString() != "text")
            {
                return ApiError.InvalidRequest($"Content part type '{type.GetString()}' is not supported by this model; only 'text' is.", $"{partParam}.type", "unsupported_content_type");
            }
            if (!part.TryGetProperty("text", out var partText) || partText.ValueKind != JsonValueKind.String)
            {
                return ApiError.InvalidRequest($"Invalid type for '{partParam}.text': expected a string.", $"{partParam}.text", "invalid_type");
            }
            if (joined.Length > 0)
            {
                joined.Append('\n');
            }
            joined.Append(partText.GetString());
        }
        text = joined.ToString();
        return null;
    }
}
