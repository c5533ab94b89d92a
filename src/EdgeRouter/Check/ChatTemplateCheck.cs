using EdgeRouter.Gguf;
using EdgeRouter.Prompts.ChatTemplates;

namespace EdgeRouter.Host.Check;

/// <summary>
/// Says how chats will be rendered, the same decision the engine makes at load: the model's own Jinja template when
/// it parses and renders a probe within budget, else llama.cpp's built-in formats (and then no tools).
/// </summary>
internal static class ChatTemplateCheck
{
    private const string Subject = "chat template";

    public static CheckFinding Run(GgufFile model, TimeProvider time)
    {
        if (model.ChatTemplate is not { } source)
        {
            return CheckFinding.Info(Subject, "none in the file: llama.cpp's built-in chatml format; tools are refused");
        }

        if (ChatTemplate.TryLoad(source, "", "", time, out var reason) is not { } template)
        {
            return CheckFinding.Warning(Subject, $"cannot be run ({reason}): llama.cpp's built-in formats; tools are refused");
        }

        var tools = template.Capabilities.SupportsTools ? $"tools: yes, calls parsed as {template.ToolSyntax?.Family}" : "tools: no";
        return CheckFinding.Info(Subject, $"the model's own (Jinja); {tools}");
    }
}
