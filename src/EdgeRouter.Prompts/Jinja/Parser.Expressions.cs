using System.Globalization;

namespace EdgeRouter.Prompts.Jinja;

/// <summary>Expressions, lowest precedence first, as Jinja2 orders them.</summary>
internal sealed partial class Parser
{
    // A tuple without brackets, as in {{ a, b }} or set x = 1, 2.
    private Expr ParseTuple()
    {
        var line = Current.Line;
        var first = ParseExpression();
        if (!Current.IsOperator(","))
        {
            return first;
        }

        var items = new List<Expr> { first };
        while (Accept(TokenKind.Operator, ","))
        {
            items.Add(ParseExpression());
        }

        return new ListExpr(items, line);
    }

    private Expr ParseExpression()
    {
        Enter(Current.Line);
        try
        {
            var value = ParseOr();
            while (Current.IsName("if"))
            {
                var line = Next().Line;
                var condition = ParseOr();
                var otherwise = Accept(TokenKind.Name, "else") ? ParseExpression() : null;
                value = new ConditionalExpr(condition, value, otherwise, line);
            }

            return value;
        }
        finally
        {
            Exit();
        }
    }

    private Expr ParseOr() => ParseBinary(ParseAnd, "or");

    private Expr ParseAnd() => ParseBinary(ParseNot, "and");

    private Expr ParseNot()
    {
        if (Current.IsName("not"))
        {
            var line = Next().Line;
            Enter(line);
            try
            {
                return new UnaryExpr("not", ParseNot(), line);
            }
            finally
            {
                Exit();
            }
        }

        return ParseCompare();
    }

    private Expr ParseCompare()
    {
        var left = ParseMath1();
        while (true)
        {
            var token = Current;
            string op;
            if (token.Kind == TokenKind.Operator && token.Value is "==" or "!=" or "<" or "<=" or ">" or ">=")
            {
                op = token.Value;
                Next();
            }
            else if (token.IsName("in"))
            {
                op = "in";
                Next();
            }
            else if (token.IsName("not") && Peek().IsName("in"))
            {
                op = "not in";
                _pos += 2;
            }
            else
            {
                return left;
            }

            left = new BinaryExpr(op, left, ParseMath1(), token.Line);
        }
    }

    private Expr ParseMath1() => ParseBinary(ParseConcat, "+", "-");

    private Expr ParseConcat() => ParseBinary(ParseMath2, "~");

    private Expr ParseMath2() => ParseBinary(ParsePow, "*", "/", "//", "%");

    private Expr ParsePow() => ParseBinary(() => ParseUnary(), "**");

    private Expr ParseBinary(Func<Expr> operand, params string[] operators)
    {
        // Each operator of a chain nests the tree one level deeper (a + b + c is (a + b) + c), so it counts as nesting.
        var left = operand();
        var chain = 0;
        try
        {
            while (true)
            {
                var token = Current;
                var matches = token.Kind is TokenKind.Operator or TokenKind.Name && Array.IndexOf(operators, token.Value) >= 0;
                if (!matches)
                {
                    return left;
                }

                Next();
                Enter(token.Line);
                chain++;
                left = new BinaryExpr(token.Value, left, operand(), token.Line);
            }
        }
        finally
        {
            _nesting -= chain;
        }
    }

    private Expr ParseUnary(bool withFilters = true)
    {
        var token = Current;
        Enter(token.Line);
        try
        {
            Expr value;
            if (token.IsOperator("-") || token.IsOperator("+"))
            {
                // As in Jinja2, filters apply to the negated value: -4 | abs is 4.
                Next();
                value = new UnaryExpr(token.Value, ParseUnary(withFilters: false), token.Line);
            }
            else
            {
                value = ParsePostfix(ParsePrimary());
            }

            return withFilters ? ParseFiltersAndTests(value) : value;
        }
        finally
        {
            Exit();
        }
    }

    private Expr ParsePrimary()
    {
        var token = Next();
        switch (token.Kind)
        {
            case TokenKind.String:
                var text = token.Value;
                while (Current.Kind == TokenKind.String)
                {
                    text += Next().Value; // adjacent literals concatenate, as in Python
                }

                return new LiteralExpr(new JinjaString(text), token.Line);
            case TokenKind.Integer:
                return long.TryParse(token.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var integer)
                    ? new LiteralExpr(new JinjaInt(integer), token.Line)
                    : new LiteralExpr(new JinjaFloat(double.Parse(token.Value, CultureInfo.InvariantCulture)), token.Line);
            case TokenKind.Float:
                return new LiteralExpr(new JinjaFloat(double.Parse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture)), token.Line);
            case TokenKind.Name:
                return token.Value switch
                {
                    "true" or "True" => new LiteralExpr(JinjaBool.True, token.Line),
                    "false" or "False" => new LiteralExpr(JinjaBool.False, token.Line),
                    "none" or "None" => new LiteralExpr(JinjaValue.None, token.Line),
                    _ => new NameExpr(token.Value, token.Line),
                };
            case TokenKind.Operator when token.Value == "(":
                if (Accept(TokenKind.Operator, ")"))
                {
                    return new ListExpr([], token.Line);
                }

                var inner = ParseTuple();
                Expect(TokenKind.Operator, ")");
                return inner;
            case TokenKind.Operator when token.Value == "[":
                return new ListExpr(ParseSequence("]"), token.Line);
            case TokenKind.Operator when token.Value == "{":
                return ParseDict(token.Line);
            default:
                throw new JinjaSyntaxException($"unexpected '{Describe(token)}'", token.Line);
        }
    }

    private List<Expr> ParseSequence(string close)
    {
        var items = new List<Expr>();
        while (!Accept(TokenKind.Operator, close))
        {
            if (items.Count > 0)
            {
                Expect(TokenKind.Operator, ",");
                if (Accept(TokenKind.Operator, close))
                {
                    break; // trailing comma
                }
            }

            items.Add(ParseExpression());
        }

        return items;
    }

    private DictExpr ParseDict(int line)
    {
        var pairs = new List<(Expr, Expr)>();
        while (!Accept(TokenKind.Operator, "}"))
        {
            if (pairs.Count > 0)
            {
                Expect(TokenKind.Operator, ",");
                if (Accept(TokenKind.Operator, "}"))
                {
                    break;
                }
            }

            var key = ParseExpression();
            Expect(TokenKind.Operator, ":");
            pairs.Add((key, ParseExpression()));
        }

        return new DictExpr(pairs, line);
    }
}
