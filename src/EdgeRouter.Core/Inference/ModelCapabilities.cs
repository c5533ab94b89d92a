namespace EdgeRouter.Core.Inference;

/// <summary>
/// What a loaded model can do for a client. Ollama's /api/show lists these as "capabilities", and clients act on
/// them: an agent gateway sends no tools to a model without <see cref="Tools"/>. The engine that loads a model sets
/// the flags it can vouch for; the API surfaces only translate them.
/// </summary>
[Flags]
public enum ModelCapabilities
{
    None = 0,

    /// <summary>Chat and text generation.</summary>
    Completion = 1,

    /// <summary>Tool (function) calling through the chat template.</summary>
    Tools = 2,

    /// <summary>Fill-in-the-middle: /api/generate honours "suffix".</summary>
    Insert = 4,

    /// <summary>Embedding vectors (/api/embed, /v1/embeddings).</summary>
    Embedding = 8,
}
