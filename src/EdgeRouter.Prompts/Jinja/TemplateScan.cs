namespace EdgeRouter.Prompts.Jinja;

/// <summary>Walks a parsed template for the variables it reads (capability detection: tools, tool_calls).</summary>
internal static class TemplateScan
{
    public static bool References(IReadOnlyList<Node> body, string name) => body.Any(node => InNode(node, name));

    private static bool InNode(Node node, string name) => node switch
    {
        OutputNode output => InExpr(output.Value, name),
        IfNode conditional => conditional.Branches.Any(b => InExpr(b.Condition, name) || References(b.Body, name))
                              || (conditional.Else is { } e && References(e, name)),
        ForNode loop => InExpr(loop.Iterable, name) || (loop.Filter is { } f && InExpr(f, name)) || References(loop.Body, name)
                        || (loop.Else is { } e && References(e, name)),
        SetNode set => InExpr(set.Value, name),
        SetBlockNode setBlock => References(setBlock.Body, name),
        MacroNode macro => References(macro.Body, name) || macro.Parameters.Any(p => p.Default is { } d && InExpr(d, name)),
        FilterBlockNode filterBlock => References(filterBlock.Body, name),
        BlockNode block => References(block.Body, name),
        _ => false,
    };

    private static bool InExpr(Expr expr, string name) => expr switch
    {
        NameExpr n => n.Name == name,
        AttributeExpr a => a.Name == name || InExpr(a.Target, name),
        IndexExpr i => InExpr(i.Target, name) || InExpr(i.Index, name) || (i.Index is LiteralExpr { Value: JinjaString s } && s.Value == name),
        ListExpr l => l.Items.Any(x => InExpr(x, name)),
        DictExpr d => d.Pairs.Any(p => InExpr(p.Key, name) || InExpr(p.Value, name)),
        SliceExpr s => InExpr(s.Target, name),
        CallExpr c => InExpr(c.Callee, name) || InArgs(c.Arguments, name),
        FilterExpr f => (f.Target is { } t && InExpr(t, name)) || InArgs(f.Arguments, name),
        TestExpr t => InExpr(t.Target, name) || InArgs(t.Arguments, name),
        UnaryExpr u => InExpr(u.Operand, name),
        BinaryExpr b => InExpr(b.Left, name) || InExpr(b.Right, name),
        ConditionalExpr c => InExpr(c.Condition, name) || InExpr(c.Then, name) || (c.Else is { } e && InExpr(e, name)),
        _ => false,
    };

    private static bool InArgs(Arguments args, string name) =>
        args.Positional.Any(a => InExpr(a, name)) || args.Named.Any(n => InExpr(n.Value, name));
}
