using EdgeRouter.Prompts.Jinja;

namespace EdgeRouter.Prompts.ChatTemplates;

/// <summary>
/// Messages and tools in the shape chat templates were written for (Hugging Face's): OpenAI-style dicts, with
/// tool-call arguments as an object so that "arguments | tojson" prints JSON once, not a quoted string.
/// </summary>
internal static class TemplateValues
{
    public static JinjaList Messages(IReadOnlyList<TemplateMessage> messages) =>
        new(messages.Select(m => (JinjaValue)Message(m)).ToList());

    private static JinjaDict Message(TemplateMessage message)
    {
        var dict = new JinjaDict();
        dict.Items["role"] = new JinjaString(message.Role);

        // Null content (an assistant turn that only calls tools) becomes "": templates concatenate content freely.
        dict.Items["content"] = new JinjaString(message.Content ?? "");
        if (message.ToolCalls is { Count: > 0 } calls)
        {
            dict.Items["tool_calls"] = new JinjaList(calls.Select(c => (JinjaValue)ToolCall(c)).ToList());
        }

        if (message.ToolCallId is { } id)
        {
            dict.Items["tool_call_id"] = new JinjaString(id);
        }

        if (message.Name is { } name)
        {
            dict.Items["name"] = new JinjaString(name);
        }

        return dict;
    }

    private static JinjaDict ToolCall(TemplateToolCall call)
    {
        var function = new JinjaDict();
        function.Items["name"] = new JinjaString(call.Name);
        function.Items["arguments"] = JinjaJson.TryParse(call.ArgumentsJson) ?? new JinjaString(call.ArgumentsJson);
        var dict = new JinjaDict();
        if (call.Id is { } id)
        {
            dict.Items["id"] = new JinjaString(id);
        }

        dict.Items["type"] = new JinjaString("function");
        dict.Items["function"] = function;
        return dict;
    }

    public static JinjaValue Tools(IReadOnlyList<TemplateTool>? tools)
    {
        if (tools is not { Count: > 0 })
        {
            return JinjaValue.None;
        }

        return new JinjaList(tools.Select(t =>
        {
            var function = new JinjaDict();
            function.Items["name"] = new JinjaString(t.Name);
            if (t.Description is { } description)
            {
                function.Items["description"] = new JinjaString(description);
            }

            function.Items["parameters"] = t.ParametersJson is { } schema
                ? JinjaJson.TryParse(schema) ?? new JinjaDict()
                : EmptyObjectSchema();
            var tool = new JinjaDict();
            tool.Items["type"] = new JinjaString("function");
            tool.Items["function"] = function;
            return (JinjaValue)tool;
        }).ToList());
    }

    private static JinjaDict EmptyObjectSchema()
    {
        var schema = new JinjaDict();
        schema.Items["type"] = new JinjaString("object");
        schema.Items["properties"] = new JinjaDict();
        return schema;
    }
}
