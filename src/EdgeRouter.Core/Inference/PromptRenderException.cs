namespace EdgeRouter.Core.Inference;

/// <summary>
/// The model's chat template could not render this request. <see cref="IsClientError"/>: the conversation or
/// its tools are what the template refused (a 400); otherwise the template itself failed (budget, type error).
/// </summary>
public sealed class PromptRenderException(string message, bool isClientError, Exception? inner = null)
    : Exception(message, inner)
{
    public bool IsClientError { get; } = isClientError;
}
