namespace EdgeRouter.Prompts.Grammar;

/// <summary>
/// A JSON schema the converter cannot turn into a grammar without dropping a constraint. The surfaces turn it into a
/// 400 naming <see cref="Keyword"/>: a constraint the grammar silently ignored would let the model emit JSON the
/// caller's own validator then rejects.
/// </summary>
public sealed class SchemaNotSupportedException : Exception
{
    public SchemaNotSupportedException(string keyword, string path, string detail)
        : base($"JSON schema keyword '{keyword}' at '{path}' is not supported: {detail}")
    {
        Keyword = keyword;
        Path = path;
    }

    public SchemaNotSupportedException()
    {
        Keyword = string.Empty;
        Path = string.Empty;
    }

    public SchemaNotSupportedException(string message) : base(message)
    {
        Keyword = string.Empty;
        Path = string.Empty;
    }

    public SchemaNotSupportedException(string message, Exception innerException) : base(message, innerException)
    {
        Keyword = string.Empty;
        Path = string.Empty;
    }

    /// <summary>The schema keyword (or "format 'x'") that could not be honoured.</summary>
    public string Keyword { get; }

    /// <summary>A JSON-pointer-like location of the offending sub-schema, "#" for the root.</summary>
    public string Path { get; }
}
