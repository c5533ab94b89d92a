using System.Buffers;
using System.Text;
using EdgeRouter.Core.Inference;
using EdgeRouter.Llama.Native;
using EdgeRouter.Prompts.ToolCalls;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Llama.Engine;

/// <summary>
/// Renders a request to the UTF-8 prompt llama.cpp tokenizes: chats through the model's own Jinja template when we
/// can run it, else through llama_chat_apply_template (built-in formats detected from the template, not Jinja);
/// completions as is.
/// </summary>
internal sealed unsafe class PromptRenderer(LlamaModelHandle model, IntPtr vocab, TimeProvider time, ILogger logger)
{
    // NUL-terminated because llama_chat_apply_template takes a C string.
    private static ReadOnlySpan<byte> ChatMl => "chatml\0"u8;

    private readonly ModelChatTemplate? _jinja = ModelChatTemplate.TryLoad(model, vocab, time, logger);
    private byte* _template = LlamaNative.llama_model_chat_template(model, null);
    private byte[] _buffer = new byte[4096];

    /// <summary>"jinja" or llama.cpp's built-in formats, for ModelInfo (/api/show, check).</summary>
    public string Format => _jinja is null ? ModelChatTemplate.BuiltInFormat : ModelChatTemplate.JinjaFormat;

    /// <summary>The model's template shows it tools; requests with tools are refused otherwise.</summary>
    public bool SupportsTools => _jinja?.Capabilities.SupportsTools ?? false;

    public ToolCallSyntax ToolSyntax => _jinja?.ToolSyntax ?? ToolCallSyntax.Generic;

    /// <summary>The rendered prompt; valid until the next call.</summary>
    public ReadOnlySpan<byte> Render(GenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Messages is { } messages)
        {
            if (request.HasTools && !SupportsTools)
            {
                throw new PromptRenderException("This model's chat template does not support tools.", isClientError: true);
            }

            return _jinja is null ? RenderChat(messages) : Encode(RenderJinja(request, messages));
        }

        if (request.Prompt is { } prompt)
        {
            return Encode(prompt);
        }

        throw new ArgumentException("A generation request needs Messages or a Prompt.", nameof(request));
    }

    private string RenderJinja(GenerationRequest request, IReadOnlyList<ChatMessage> messages)
    {
        try
        {
            return _jinja!.Render(request, messages);
        }
        catch (PromptRenderException e) when (!e.IsClientError)
        {
            LlamaEngineLog.TemplateRenderFailed(logger, e.Message);
            throw;
        }
    }

    private ReadOnlySpan<byte> Encode(string text)
    {
        EnsureBuffer(Encoding.UTF8.GetByteCount(text));
        return _buffer.AsSpan(0, Encoding.UTF8.GetBytes(text, _buffer));
    }

    private ReadOnlySpan<byte> RenderChat(IReadOnlyList<ChatMessage> messages)
    {
        var arenaBytes = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            arenaBytes += Encoding.UTF8.GetByteCount(messages[i].Role) + Encoding.UTF8.GetByteCount(messages[i].Content) + 2;
        }

        var arena = ArrayPool<byte>.Shared.Rent(Math.Max(arenaBytes, 1));
        var chat = ArrayPool<LlamaChatMessage>.Shared.Rent(Math.Max(messages.Count, 1));
        try
        {
            fixed (byte* arenaPtr = arena)
            fixed (LlamaChatMessage* chatPtr = chat)
            {
                var offset = 0;
                for (var i = 0; i < messages.Count; i++)
                {
                    chatPtr[i].role = arenaPtr + offset;
                    offset = WriteCString(arena, offset, messages[i].Role);
                    chatPtr[i].content = arenaPtr + offset;
                    offset = WriteCString(arena, offset, messages[i].Content);
                }

                var length = Apply(chatPtr, messages.Count);
                return _buffer.AsSpan(0, length);
            }
        }
        finally
        {
            ArrayPool<LlamaChatMessage>.Shared.Return(chat);
            ArrayPool<byte>.Shared.Return(arena);
        }
    }

    private int Apply(LlamaChatMessage* chat, int count)
    {
        while (true)
        {
            int length;
            fixed (byte* fallback = ChatMl)
            fixed (byte* output = _buffer)
            {
                length = LlamaNative.llama_chat_apply_template(
                    _template != null ? _template : fallback, chat, (nuint)count, addAss: true, output, _buffer.Length);
            }

            if (length < 0 && _template != null)
            {
                // Not one of llama.cpp's built-in formats; chatml is what most small instruct models use.
                LlamaEngineLog.TemplateUnsupported(logger);
                _template = null;
                continue;
            }

            if (length < 0)
            {
                throw new LlamaException("llama_chat_apply_template failed for the chatml template.");
            }

            if (length <= _buffer.Length)
            {
                return length;
            }

            EnsureBuffer(length);
        }
    }

    private void EnsureBuffer(int length)
    {
        if (length > _buffer.Length)
        {
            _buffer = new byte[Math.Max(length, _buffer.Length * 2)];
        }
    }

    private static int WriteCString(byte[] arena, int offset, string text)
    {
        offset += Encoding.UTF8.GetBytes(text, arena.AsSpan(offset));
        arena[offset] = 0;
        return offset + 1;
    }

    /// <summary>The model's own template text, or null when the GGUF has none (chatml is used then).</summary>
    public static string? ReadTemplate(LlamaModelHandle model)
    {
        var text = LlamaNative.llama_model_chat_template(model, null);
        return text == null ? null : NativeText.Utf8(text);
    }
}
