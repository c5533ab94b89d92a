namespace EdgeRouter.Prompts.ToolCalls;

/// <summary>How a model family writes its tool calls.</summary>
public enum ToolCallFamily
{
    /// <summary>Unknown template: every known form is tried.</summary>
    Generic,

    /// <summary>Hermes 2 Pro, Qwen 2.5/3: &lt;tool_call&gt;{"name": .., "arguments": {..}}&lt;/tool_call&gt;, one per call.</summary>
    Hermes,

    /// <summary>Llama 3.1/3.2/3.3: a bare {"name": .., "parameters": {..}} answer, or after &lt;|python_tag|&gt;.</summary>
    Llama3,

    /// <summary>Mistral: [TOOL_CALLS][{"name": .., "arguments": {..}, "id": ..}] or [TOOL_CALLS]name[ARGS]{..}.</summary>
    Mistral,

    /// <summary>Qwen3-Coder: &lt;tool_call&gt;&lt;function=NAME&gt;&lt;parameter=ARG&gt;VALUE&lt;/parameter&gt;...&lt;/function&gt;&lt;/tool_call&gt;.</summary>
    Qwen3Coder,
}
