namespace EdgeRouter.Gguf;

/// <summary>Chat templates written into generated models.</summary>
public static class ChatTemplates
{
    /// <summary>
    /// ChatML as Jinja. llama_chat_apply_template recognises it by the "&lt;|im_start|&gt;" substring; Jinja
    /// renderers (node-llama-cpp, minja) run it. The \n escapes are Jinja string escapes, not C# ones.
    /// </summary>
    public const string ChatMl =
        "{% for message in messages %}" +
        "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}" +
        "{% endfor %}" +
        "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
}
