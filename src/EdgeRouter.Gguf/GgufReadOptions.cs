namespace EdgeRouter.Gguf;

/// <summary>How much of the metadata <see cref="GgufFile.Read(string, GgufReadOptions?)"/> keeps in memory.</summary>
public sealed record GgufReadOptions
{
    public static GgufReadOptions Default { get; } = new();

    /// <summary>
    /// Arrays with at most this many elements keep their items; longer ones (the vocabulary) are skipped and
    /// only their type and length are kept. Set to <see cref="long.MaxValue"/> to keep everything.
    /// </summary>
    public long ArrayItemLimit { get; init; } = 64;

    /// <summary>Longest string value kept in memory (chat templates are the long ones, typically under 100 KB).</summary>
    public long MaxStringBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Longest metadata key; real keys are tens of bytes.</summary>
    public long MaxKeyBytes { get; init; } = 64 * 1024;

    /// <summary>Arrays of arrays deeper than this are rejected, so a crafted file cannot exhaust the stack.</summary>
    public int MaxArrayDepth { get; init; } = 8;
}
