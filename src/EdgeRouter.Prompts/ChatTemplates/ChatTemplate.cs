using EdgeRouter.Prompts.Jinja;

namespace EdgeRouter.Prompts.ChatTemplates;

/// <summary>
/// A model's own chat template (GGUF tokenizer.chat_template), parsed once and rendered per request with the
/// variables Hugging Face's apply_chat_template provides: messages, tools, add_generation_prompt, bos_token,
/// eos_token, raise_exception and strftime_now (from the injected <see cref="TimeProvider"/>).
/// </summary>
public sealed class ChatTemplate
{
    private readonly JinjaTemplate _template;
    private readonly string _bosToken;
    private readonly string _eosToken;
    private readonly TimeProvider _time;

    private ChatTemplate(JinjaTemplate template, string bosToken, string eosToken, TimeProvider time)
    {
        _template = template;
        _bosToken = bosToken;
        _eosToken = eosToken;
        _time = time;
        Capabilities = new TemplateCapabilities(
            template.References("tools"), template.References("tool_calls"), template.References("tool_call_id") || MentionsToolRole(template.Source));
        ToolSyntax = ToolCalls.ToolCallSyntax.Detect(template.Source);
    }

    public string Source => _template.Source;

    public TemplateCapabilities Capabilities { get; }

    /// <summary>How this model family writes tool calls (read from the template), or null when unknown.</summary>
    public ToolCalls.ToolCallSyntax? ToolSyntax { get; }

    /// <summary>Parses <paramref name="source"/>; throws <see cref="JinjaSyntaxException"/> when it cannot be run.</summary>
    public static ChatTemplate Parse(string source, string bosToken, string eosToken, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new ChatTemplate(JinjaTemplate.Parse(source), bosToken ?? "", eosToken ?? "", time);
    }

    /// <summary>
    /// Parses and test-renders a one-turn chat; null with the reason when the template is not one we can run, so
    /// the caller keeps llama.cpp's built-in formats.
    /// </summary>
    public static ChatTemplate? TryLoad(string source, string bosToken, string eosToken, TimeProvider time, out string? reason)
    {
        try
        {
            var template = Parse(source, bosToken, eosToken, time);
            template.Render(new ChatTemplateInput([new TemplateMessage("user", "Hello")]));
            reason = null;
            return template;
        }
        catch (JinjaException e)
        {
            reason = e.Message;
            return null;
        }
        catch (ChatTemplateException e) when (!e.IsClientError)
        {
            reason = e.Message;
            return null;
        }
        catch (ChatTemplateException)
        {
            // It refused the probe conversation (e.g. wants a system turn first); it still runs.
            reason = null;
            return Parse(source, bosToken, eosToken, time);
        }
    }

    /// <summary>Renders the prompt; a template failure is a <see cref="ChatTemplateException"/>.</summary>
    public string Render(ChatTemplateInput input, RenderBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var variables = new Dictionary<string, JinjaValue>(StringComparer.Ordinal)
        {
            ["messages"] = TemplateValues.Messages(input.Messages),
            ["tools"] = TemplateValues.Tools(input.Tools),
            ["add_generation_prompt"] = JinjaValue.From(input.AddGenerationPrompt),
            ["bos_token"] = new JinjaString(_bosToken),
            ["eos_token"] = new JinjaString(_eosToken),
            ["strftime_now"] = new JinjaCallable("strftime_now", args => new JinjaString(Strftime.Format(_time.GetLocalNow(), args.Get(0, "format").AsString()))),
        };
        if (input.Variables is { } extra)
        {
            foreach (var (name, value) in extra)
            {
                variables[name] = value;
            }
        }

        try
        {
            return _template.Render(variables, budget);
        }
        catch (JinjaException e)
        {
            throw new ChatTemplateException(e);
        }
    }

    private static bool MentionsToolRole(string source) =>
        source.Contains("'tool'", StringComparison.Ordinal) || source.Contains("\"tool\"", StringComparison.Ordinal);
}
