namespace EdgeRouter.Llama;

/// <summary>llama.cpp refused an operation (model load, context creation, decode); details are in the llama.cpp log.</summary>
public sealed class LlamaException : Exception
{
    public LlamaException(string message)
        : base(message)
    {
    }

    public LlamaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
