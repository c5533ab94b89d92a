namespace EdgeRouter.Prompts.Jinja;

/// <summary>Statement execution; break and continue travel back as a <see cref="Flow"/>.</summary>
internal sealed partial class Interpreter
{
    private enum Flow
    {
        Normal,
        Break,
        Continue,
    }

    private Flow Execute(IReadOnlyList<Node> body, Scope scope)
    {
        foreach (var node in body)
        {
            Step();
            var flow = ExecuteNode(node, scope);
            if (flow != Flow.Normal)
            {
                return flow;
            }
        }

        return Flow.Normal;
    }

    private Flow ExecuteNode(Node node, Scope scope)
    {
        Enter();
        try
        {
            switch (node)
            {
                case TextNode text:
                    Write(text.Text);
                    return Flow.Normal;
                case OutputNode output:
                    Write(Evaluate(output.Value, scope).AsString());
                    return Flow.Normal;
                case IfNode conditional:
                    foreach (var (condition, branch) in conditional.Branches)
                    {
                        if (Evaluate(condition, scope).IsTruthy)
                        {
                            return Execute(branch, scope);
                        }
                    }

                    return conditional.Else is { } otherwise ? Execute(otherwise, scope) : Flow.Normal;
                case ForNode loop:
                    ExecuteFor(loop, scope);
                    return Flow.Normal;
                case SetNode set:
                    ExecuteSet(set, scope);
                    return Flow.Normal;
                case SetBlockNode setBlock:
                    scope.Set(setBlock.Name, new JinjaString(Capture(setBlock.Body, scope)));
                    return Flow.Normal;
                case MacroNode macro:
                    scope.Set(macro.Name, DefineMacro(macro, scope));
                    return Flow.Normal;
                case FilterBlockNode filterBlock:
                    var content = new JinjaString(Capture(filterBlock.Body, scope));
                    Write(ApplyFilter(filterBlock.Filter, content, scope).AsString());
                    return Flow.Normal;
                case BlockNode block:
                    return Execute(block.Body, scope);
                case BreakNode:
                    return Flow.Break;
                case ContinueNode:
                    return Flow.Continue;
                default:
                    throw new JinjaRuntimeException($"unknown statement at line {node.Line}");
            }
        }
        finally
        {
            Exit();
        }
    }

    private void ExecuteSet(SetNode set, Scope scope)
    {
        var value = Evaluate(set.Value, scope);
        if (set.Namespace is { } name)
        {
            if (scope.Lookup(name) is not JinjaDict { IsNamespace: true } ns)
            {
                throw new JinjaRuntimeException($"line {set.Line}: '{name}' is not a namespace; only namespace() attributes can be set");
            }

            ns.Items[set.Targets[0]] = value;
            return;
        }

        if (set.Targets.Count == 1)
        {
            scope.Set(set.Targets[0], value);
            return;
        }

        var items = Unpack(value, set.Targets.Count, set.Line);
        for (var i = 0; i < items.Count; i++)
        {
            scope.Set(set.Targets[i], items[i]);
        }
    }

    private static List<JinjaValue> Unpack(JinjaValue value, int count, int line)
    {
        if (value is JinjaList list && list.Items.Count == count)
        {
            return list.Items;
        }

        throw new JinjaRuntimeException($"line {line}: cannot unpack a {value.TypeName} into {count} names");
    }

    private JinjaCallable DefineMacro(MacroNode macro, Scope definingScope) =>
        new(macro.Name, arguments =>
        {
            var frame = new Scope(definingScope);
            for (var i = 0; i < macro.Parameters.Count; i++)
            {
                var (name, fallback) = macro.Parameters[i];
                var value = arguments.Get(i, name);
                if (value is JinjaUndefined && fallback is not null)
                {
                    value = Evaluate(fallback, frame);
                }

                frame.Set(name, value);
            }

            Enter();
            try
            {
                return new JinjaString(Capture(macro.Body, frame));
            }
            finally
            {
                Exit();
            }
        });
}
