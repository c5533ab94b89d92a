namespace EdgeRouter.Prompts.Jinja;

/// <summary>Attribute access, subscripts, slices, calls, filters and tests.</summary>
internal sealed partial class Parser
{
    private static readonly HashSet<string> BareTestArgumentNames = ["true", "false", "none", "True", "False", "None"];

    private Expr ParsePostfix(Expr value)
    {
        while (true)
        {
            var token = Current;
            if (token.IsOperator("."))
            {
                Next();
                var name = Current.Kind == TokenKind.Integer ? Next().Value : ExpectName();
                value = new AttributeExpr(value, name, token.Line);
            }
            else if (token.IsOperator("["))
            {
                Next();
                value = ParseSubscript(value, token.Line);
            }
            else if (token.IsOperator("("))
            {
                Next();
                value = new CallExpr(value, ParseArguments(), token.Line);
            }
            else
            {
                return value;
            }
        }
    }

    private Expr ParseSubscript(Expr target, int line)
    {
        Expr? start = Current.IsOperator(":") ? null : ParseExpression();
        if (start is not null && Accept(TokenKind.Operator, "]"))
        {
            return new IndexExpr(target, start, line);
        }

        Expect(TokenKind.Operator, ":");
        Expr? stop = Current.IsOperator(":") || Current.IsOperator("]") ? null : ParseExpression();
        Expr? step = null;
        if (Accept(TokenKind.Operator, ":") && !Current.IsOperator("]"))
        {
            step = ParseExpression();
        }

        Expect(TokenKind.Operator, "]");
        return new SliceExpr(target, start, stop, step, line);
    }

    /// <summary>After "(": positional and name=value arguments up to ")".</summary>
    private Arguments ParseArguments()
    {
        var positional = new List<Expr>();
        var named = new List<(string, Expr)>();
        while (!Accept(TokenKind.Operator, ")"))
        {
            if (positional.Count + named.Count > 0)
            {
                Expect(TokenKind.Operator, ",");
                if (Accept(TokenKind.Operator, ")"))
                {
                    break;
                }
            }

            if (Current.Kind == TokenKind.Name && Peek().IsOperator("="))
            {
                var name = Next().Value;
                Next();
                named.Add((name, ParseExpression()));
            }
            else
            {
                positional.Add(ParseExpression());
            }
        }

        return new Arguments(positional, named);
    }

    private Expr ParseFiltersAndTests(Expr value)
    {
        while (true)
        {
            if (Current.IsOperator("|"))
            {
                Next();
                value = ParseFilterCall(value);
            }
            else if (Current.IsName("is"))
            {
                var line = Next().Line;
                var negated = Accept(TokenKind.Name, "not");
                var name = ExpectName();
                var arguments = Arguments.None;
                if (Accept(TokenKind.Operator, "("))
                {
                    arguments = ParseArguments();
                }
                else if (Current.Kind is TokenKind.String or TokenKind.Integer or TokenKind.Float
                         || (Current.Kind == TokenKind.Name && BareTestArgumentNames.Contains(Current.Value)))
                {
                    arguments = new Arguments([ParsePrimary()], []);
                }

                value = new TestExpr(value, name, arguments, negated, line);
            }
            else
            {
                return value;
            }
        }
    }

    private FilterExpr ParseFilterCall(Expr? target)
    {
        var token = Expect(TokenKind.Name);
        var arguments = Accept(TokenKind.Operator, "(") ? ParseArguments() : Arguments.None;
        var filter = new FilterExpr(target, token.Value, arguments, token.Line);
        return filter;
    }
}
