using EdgeRouter.Prompts.Jinja;

namespace EdgeRouter.Prompts.ChatTemplates;

/// <summary>
/// A render of the model's chat template failed for this conversation. <see cref="IsClientError"/> is true when the
/// template refused the conversation itself (raise_exception, e.g. "roles must alternate"); otherwise the template
/// is broken or hostile (budget, type error) and the caller may fall back to a built-in format.
/// </summary>
public sealed class ChatTemplateException(JinjaException inner)
    : Exception("the model's chat template failed: " + inner.Message, inner)
{
    public bool IsClientError => InnerException is JinjaRaisedException;
}
