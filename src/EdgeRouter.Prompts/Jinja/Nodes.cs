namespace EdgeRouter.Prompts.Jinja;

/// <summary>A statement of the template: text, output or a control tag.</summary>
internal abstract record Node(int Line);

internal sealed record TextNode(string Text, int Line) : Node(Line);

internal sealed record OutputNode(Expr Value, int Line) : Node(Line);

internal sealed record IfNode(IReadOnlyList<(Expr Condition, IReadOnlyList<Node> Body)> Branches, IReadOnlyList<Node>? Else, int Line)
    : Node(Line);

internal sealed record ForNode(
    IReadOnlyList<string> Targets, Expr Iterable, Expr? Filter, IReadOnlyList<Node> Body, IReadOnlyList<Node>? Else, int Line)
    : Node(Line);

/// <summary>set name = value, set a, b = value, or set ns.attr = value (<see cref="Namespace"/> set).</summary>
internal sealed record SetNode(IReadOnlyList<string> Targets, string? Namespace, Expr Value, int Line) : Node(Line);

/// <summary>{% set name %}body{% endset %}: the rendered body becomes the value.</summary>
internal sealed record SetBlockNode(string Name, IReadOnlyList<Node> Body, int Line) : Node(Line);

internal sealed record MacroNode(string Name, IReadOnlyList<(string Name, Expr? Default)> Parameters, IReadOnlyList<Node> Body, int Line)
    : Node(Line);

/// <summary>{% filter name %}body{% endfilter %}.</summary>
internal sealed record FilterBlockNode(FilterExpr Filter, IReadOnlyList<Node> Body, int Line) : Node(Line);

/// <summary>Both {% generation %} (a training-mask marker, rendered as its body) and plain groups.</summary>
internal sealed record BlockNode(IReadOnlyList<Node> Body, int Line) : Node(Line);

internal sealed record BreakNode(int Line) : Node(Line);

internal sealed record ContinueNode(int Line) : Node(Line);
