namespace EdgeRouter.Prompts.Jinja;

/// <summary>
/// The fixed limits one render runs under. Chat templates come from model files, which nobody here reviews, so
/// every loop, recursion and allocation the interpreter makes is counted against these.
/// </summary>
public sealed record RenderBudget
{
    /// <summary>Defaults sized for agent prompts (tens of tools, ~20K-token histories) with a wide margin.</summary>
    public static RenderBudget Default { get; } = new();

    /// <summary>Statements, expressions and loop iterations evaluated, plus one per 64 characters built.</summary>
    public long MaxSteps { get; init; } = 5_000_000;

    /// <summary>Characters written, counted in every macro and block buffer too.</summary>
    public long MaxOutputChars { get; init; } = 8_000_000;

    /// <summary>Nested evaluations (macro recursion, nested expressions); also guarded by the real stack.</summary>
    public int MaxDepth { get; init; } = 200;

    /// <summary>Largest string or list one operation may build (string repeat, range, list concatenation).</summary>
    public int MaxCollectionLength { get; init; } = 4_000_000;

    /// <summary>Deepest list/dict nesting printed, compared or serialized.</summary>
    public int MaxNesting { get; init; } = 128;
}
