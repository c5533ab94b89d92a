namespace EdgeRouter.Prompts.Jinja;

/// <summary>Statements: text, {{ }}, and the block tags.</summary>
internal sealed partial class Parser
{
    private static readonly HashSet<string> EndWords =
    [
        "elif", "else", "endif", "endfor", "endset", "endmacro", "endfilter", "endgeneration", "endcall",
    ];

    /// <summary>Parses until the end of the template or an end word, which is consumed and returned.</summary>
    private (List<Node> Body, string? End) ParseBody()
    {
        var body = new List<Node>();
        while (true)
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Eof:
                    return (body, null);
                case TokenKind.Text:
                    Next();
                    body.Add(new TextNode(token.Value, token.Line));
                    break;
                case TokenKind.VariableStart:
                    Next();
                    var value = ParseTuple();
                    Expect(TokenKind.VariableEnd);
                    body.Add(new OutputNode(value, token.Line));
                    break;
                case TokenKind.BlockStart:
                    Next();
                    var word = Current;
                    if (word.Kind == TokenKind.Name && EndWords.Contains(word.Value))
                    {
                        Next();
                        return (body, word.Value);
                    }

                    body.Add(ParseStatement());
                    break;
                default:
                    throw new JinjaSyntaxException($"unexpected '{Describe(token)}'", token.Line);
            }
        }
    }

    private List<Node> ParseBodyUntil(string open, int line, params string[] ends)
    {
        var (body, end) = ParseBody();
        if (end is null || Array.IndexOf(ends, end) < 0)
        {
            throw new JinjaSyntaxException($"'{open}' is not closed by {string.Join(" or ", ends)}", line);
        }

        return body;
    }

    private Node ParseStatement()
    {
        var word = Expect(TokenKind.Name);
        Enter(word.Line);
        try
        {
            return word.Value switch
            {
                "if" => ParseIf(word.Line),
                "for" => ParseFor(word.Line),
                "set" => ParseSet(word.Line),
                "macro" => ParseMacro(word.Line),
                "filter" => ParseFilterBlock(word.Line),
                "generation" => ParseGeneration(word.Line),
                "break" => EndTag(new BreakNode(word.Line)),
                "continue" => EndTag(new ContinueNode(word.Line)),
                _ => throw new JinjaSyntaxException($"unsupported statement '{word.Value}'", word.Line),
            };
        }
        finally
        {
            Exit();
        }
    }

    private Node EndTag(Node node)
    {
        Expect(TokenKind.BlockEnd);
        return node;
    }

    private IfNode ParseIf(int line)
    {
        var branches = new List<(Expr, IReadOnlyList<Node>)>();
        var condition = ParseExpression();
        while (true)
        {
            Expect(TokenKind.BlockEnd);
            var (body, end) = ParseBody();
            branches.Add((condition, body));
            switch (end)
            {
                case "elif":
                    condition = ParseExpression();
                    continue;
                case "else":
                    Expect(TokenKind.BlockEnd);
                    var elseBody = ParseBodyUntil("if", line, "endif");
                    Expect(TokenKind.BlockEnd);
                    return new IfNode(branches, elseBody, line);
                case "endif":
                    Expect(TokenKind.BlockEnd);
                    return new IfNode(branches, null, line);
                default:
                    throw new JinjaSyntaxException("'if' is not closed by endif", line);
            }
        }
    }

    private ForNode ParseFor(int line)
    {
        var targets = new List<string> { ExpectName() };
        while (Accept(TokenKind.Operator, ","))
        {
            targets.Add(ExpectName());
        }

        Expect(TokenKind.Name, "in");
        var iterable = ParseOr();
        var filter = Accept(TokenKind.Name, "if") ? ParseOr() : null;
        Expect(TokenKind.BlockEnd);
        var (body, end) = ParseBody();
        List<Node>? elseBody = null;
        if (end == "else")
        {
            Expect(TokenKind.BlockEnd);
            elseBody = ParseBodyUntil("for", line, "endfor");
        }
        else if (end != "endfor")
        {
            throw new JinjaSyntaxException("'for' is not closed by endfor", line);
        }

        Expect(TokenKind.BlockEnd);
        return new ForNode(targets, iterable, filter, body, elseBody, line);
    }

    private Node ParseSet(int line)
    {
        var first = ExpectName();
        if (Accept(TokenKind.Operator, "."))
        {
            var attribute = ExpectName();
            Expect(TokenKind.Operator, "=");
            return EndTag(new SetNode([attribute], first, ParseTuple(), line));
        }

        var targets = new List<string> { first };
        while (Accept(TokenKind.Operator, ","))
        {
            targets.Add(ExpectName());
        }

        if (Accept(TokenKind.Operator, "="))
        {
            return EndTag(new SetNode(targets, null, ParseTuple(), line));
        }

        Expect(TokenKind.BlockEnd);
        var body = ParseBodyUntil("set", line, "endset");
        Expect(TokenKind.BlockEnd);
        return new SetBlockNode(first, body, line);
    }

    private MacroNode ParseMacro(int line)
    {
        var name = ExpectName();
        var parameters = new List<(string, Expr?)>();
        Expect(TokenKind.Operator, "(");
        while (!Accept(TokenKind.Operator, ")"))
        {
            if (parameters.Count > 0)
            {
                Expect(TokenKind.Operator, ",");
            }

            var parameter = ExpectName();
            parameters.Add((parameter, Accept(TokenKind.Operator, "=") ? ParseExpression() : null));
        }

        Expect(TokenKind.BlockEnd);
        var body = ParseBodyUntil("macro", line, "endmacro");
        Accept(TokenKind.Name, name);
        Expect(TokenKind.BlockEnd);
        return new MacroNode(name, parameters, body, line);
    }

    private FilterBlockNode ParseFilterBlock(int line)
    {
        var filter = ParseFilterCall(null);
        Expect(TokenKind.BlockEnd);
        var body = ParseBodyUntil("filter", line, "endfilter");
        Expect(TokenKind.BlockEnd);
        return new FilterBlockNode(filter, body, line);
    }

    private BlockNode ParseGeneration(int line)
    {
        Expect(TokenKind.BlockEnd);
        var body = ParseBodyUntil("generation", line, "endgeneration");
        Expect(TokenKind.BlockEnd);
        return new BlockNode(body, line);
    }
}
