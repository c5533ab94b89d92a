using EdgeRouter.Core.Inference;
using EdgeRouter.Prompts.ChatTemplates;

namespace EdgeRouter.Llama.Engine;

/// <summary>Maps a chat request onto the chat-template input (messages with their tool calls and results, tools).</summary>
internal static class TemplateRequest
{
    public static ChatTemplateInput From(GenerationRequest request, IReadOnlyList<ChatMessage> messages) =>
        new(messages.Select(Message).ToList()) { Tools = Tools(request) };

    private static TemplateMessage Message(ChatMessage message) => new(message.Role, message.Content)
    {
        ToolCalls = message.ToolCalls?.Select(c => new TemplateToolCall(c.Id, c.Name, c.ArgumentsJson)).ToList(),
        ToolCallId = message.ToolCallId,
        Name = message.Name,
    };

    // tool_choice none: the model is not shown the tools; a named choice shows it only that function.
    private static List<TemplateTool>? Tools(GenerationRequest request)
    {
        if (!request.HasTools)
        {
            return null;
        }

        var tools = request.Tools!.AsEnumerable();
        if (request.ToolChoice is { Mode: ToolChoiceMode.Function, FunctionName: { } name })
        {
            tools = tools.Where(t => t.Name == name);
        }

        return tools.Select(t => new TemplateTool(t.Name, t.Description, t.ParametersJson)).ToList();
    }
}
