namespace EdgeRouter.Gguf;

/// <summary>What to generate. The same spec always produces the same bytes.</summary>
public sealed record ModelSpec
{
    public required ModelShape Shape { get; init; }

    public GgufTensorType TensorType { get; init; } = GgufTensorType.Q8_0;

    public ulong Seed { get; init; }

    /// <summary>general.name; null gives "edgerouter-{shape name}".</summary>
    public string? Name { get; init; }

    public string ModelName => Name ?? "edgerouter-" + Shape.Name;

    /// <summary>tokenizer.chat_template; null gives <see cref="ChatTemplates.ChatMl"/>.</summary>
    public string? ChatTemplate { get; init; }

    /// <summary>
    /// Extra control tokens (a family's markers such as &lt;|python_tag|&gt; or [TOOL_CALLS]), numbered from
    /// <see cref="FirstControlTokenId"/> in order, so tests can force them with a logit bias or a grammar.
    /// </summary>
    public IReadOnlyList<string> ControlTokens { get; init; } = [];

    /// <summary>The id of the first of <see cref="ControlTokens"/>: right after &lt;|im_end|&gt;.</summary>
    public const int FirstControlTokenId = SpmVocabulary.ImEnd + 1;
}
