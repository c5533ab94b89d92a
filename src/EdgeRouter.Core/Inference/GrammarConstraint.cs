namespace EdgeRouter.Core.Inference;

/// <summary>
/// A GBNF grammar the generated text must follow (structured output, forced tool calls). With
/// <see cref="LazyTriggerPatterns"/> set, generation is free until a pattern matches (a tool-call opener), and
/// constrained from the pattern's first match group on.
/// </summary>
public sealed record GrammarConstraint(string Gbnf, string Root = "root")
{
    /// <summary>Regular expressions matched against the output so far (llama.cpp's lazy grammar); empty = constrained from the start.</summary>
    public IReadOnlyList<string> LazyTriggerPatterns { get; init; } = [];

    /// <summary>Tokens that switch a lazy grammar on (the opener is a single special token in some families).</summary>
    public IReadOnlyList<int> LazyTriggerTokens { get; init; } = [];

    public bool IsLazy => LazyTriggerPatterns.Count > 0 || LazyTriggerTokens.Count > 0;
}
