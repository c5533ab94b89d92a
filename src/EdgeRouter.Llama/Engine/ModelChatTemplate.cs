using EdgeRouter.Core.Inference;
using EdgeRouter.Llama.Native;
using EdgeRouter.Prompts.ChatTemplates;
using EdgeRouter.Prompts.ToolCalls;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Llama.Engine;

/// <summary>
/// The model's own chat template (tokenizer.chat_template) when our Jinja interpreter can run it; null otherwise,
/// and chats keep llama.cpp's built-in formats. Which one is used is logged once at load and reported in ModelInfo.
/// </summary>
internal sealed unsafe class ModelChatTemplate
{
    public const string JinjaFormat = "jinja";
    public const string BuiltInFormat = "llama.cpp built-in";

    private readonly ChatTemplate _template;
    private readonly string _bosToken;
    private readonly bool _tokenizerAddsBos;

    private ModelChatTemplate(ChatTemplate template, string bosToken, bool tokenizerAddsBos)
    {
        _template = template;
        _bosToken = bosToken;
        _tokenizerAddsBos = tokenizerAddsBos;
    }

    public TemplateCapabilities Capabilities => _template.Capabilities;

    public ToolCallSyntax ToolSyntax => _template.ToolSyntax ?? ToolCallSyntax.Generic;

    public static ModelChatTemplate? TryLoad(LlamaModelHandle model, IntPtr vocab, TimeProvider time, ILogger logger)
    {
        var source = PromptRenderer.ReadTemplate(model);
        if (source is null)
        {
            LlamaEngineLog.TemplateMissing(logger);
            return null;
        }

        var bos = TokenText(vocab, LlamaNative.llama_vocab_bos(vocab));
        var eos = TokenText(vocab, LlamaNative.llama_vocab_eos(vocab));
        var template = ChatTemplate.TryLoad(source, bos, eos, time, out var reason);
        if (template is null)
        {
            LlamaEngineLog.TemplateFallback(logger, reason ?? "unknown");
            return null;
        }

        LlamaEngineLog.TemplateJinja(logger, template.Capabilities.SupportsTools, template.ToolSyntax?.Family.ToString() ?? "none");
        return new ModelChatTemplate(template, bos, LlamaNative.llama_vocab_get_add_bos(vocab));
    }

    /// <exception cref="PromptRenderException">The template refused the conversation or failed within its budget.</exception>
    public string Render(GenerationRequest request, IReadOnlyList<ChatMessage> messages)
    {
        string prompt;
        try
        {
            prompt = _template.Render(TemplateRequest.From(request, messages));
        }
        catch (ChatTemplateException e)
        {
            throw new PromptRenderException(e.Message, e.IsClientError, e);
        }

        // Templates print bos_token and the tokenizer adds BOS too; keep one (as llama.cpp's server does).
        return _tokenizerAddsBos && _bosToken.Length > 0 && prompt.StartsWith(_bosToken, StringComparison.Ordinal)
            ? prompt[_bosToken.Length..]
            : prompt;
    }

    private static string TokenText(IntPtr vocab, int token)
    {
        if (token < 0)
        {
            return "";
        }

        var buffer = stackalloc byte[256];
        var length = LlamaNative.llama_token_to_piece(vocab, token, buffer, 256, lstrip: 0, special: true);
        return length <= 0 ? "" : System.Text.Encoding.UTF8.GetString(buffer, length);
    }
}
