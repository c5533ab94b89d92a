namespace EdgeRouter.Gguf;

/// <summary>The bytes are not a GGUF file llama.cpp could load. The message names the first problem found.</summary>
public sealed class GgufFormatException : Exception
{
    public GgufFormatException()
    {
        Problem = Message;
    }

    public GgufFormatException(string message) : base(message)
    {
        Problem = message;
    }

    public GgufFormatException(string message, Exception innerException) : base(message, innerException)
    {
        Problem = message;
    }

    public GgufFormatException(string problem, string? filePath, long? byteOffset = null)
        : base(filePath is null ? problem : $"{filePath}: {problem}")
    {
        Problem = problem;
        FilePath = filePath;
        ByteOffset = byteOffset;
    }

    /// <summary>The message without the file path.</summary>
    public string Problem { get; }

    /// <summary>The file that was read, when reading from a path.</summary>
    public string? FilePath { get; }

    /// <summary>Where in the file the problem was found, when it is tied to one place.</summary>
    public long? ByteOffset { get; }

    internal GgufFormatException WithPath(string path) => new(Problem, path, ByteOffset);
}
