using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api.Ollama;

/// <summary>
/// Ollama's history carries no call ids: an assistant turn lists its tool_calls and the following role "tool" turns
/// answer them in order. Templates that print ids (Mistral's) need them, so calls get ids here and each tool turn
/// takes the id of the next unanswered call.
/// </summary>
internal sealed class ToolCallIds
{
    private readonly Queue<ToolCall> _unanswered = new();
    private int _next;

    public ApiError? Map(OllamaMessageDto dto, int index, out ChatMessage message)
    {
        message = new ChatMessage(dto.Role!, dto.Content ?? string.Empty);
        if (dto.Role == "assistant")
        {
            if (ToolRequestReader.ReadToolCalls(dto.ToolCalls, $"messages[{index}].tool_calls", out var calls, _next) is { } problem)
            {
                return problem;
            }

            if (calls is { Count: > 0 })
            {
                _next += calls.Count;
                _unanswered.Clear();
                calls.ForEach(_unanswered.Enqueue);
                message = message with { ToolCalls = calls };
            }
        }
        else if (dto.Role == "tool")
        {
            var answered = _unanswered.TryDequeue(out var call) ? call : null;
            message = message with { ToolCallId = answered?.Id ?? $"call{_next++:D5}", Name = dto.ToolName ?? answered?.Name };
        }

        return null;
    }
}
