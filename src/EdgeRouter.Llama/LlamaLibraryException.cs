namespace EdgeRouter.Llama;

/// <summary>
/// The llama.cpp native libraries are missing, cannot be loaded, or are a build this binding was not made for.
/// A deployment error: the message says which file and what to do.
/// </summary>
public sealed class LlamaLibraryException : Exception
{
    public LlamaLibraryException(string message)
        : base(message)
    {
    }

    public LlamaLibraryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
