namespace EdgeRouter.Prompts.Jinja;

/// <summary>
/// Recursive-descent parser for the Jinja subset chat templates use. Nesting is capped so that a hostile template
/// ("((((..." or thousands of nested ifs) is a syntax error, never a stack overflow.
/// </summary>
internal sealed partial class Parser
{
    private const int MaxNesting = 128;

    private readonly List<Token> _tokens;
    private int _pos;
    private int _nesting;

    private Parser(List<Token> tokens) => _tokens = tokens;

    public static IReadOnlyList<Node> Parse(string source)
    {
        var parser = new Parser(Lexer.Tokenize(source));
        var (body, end) = parser.ParseBody();
        if (end is not null)
        {
            throw new JinjaSyntaxException($"unexpected '{end}'", parser.Current.Line);
        }

        return body;
    }

    private Token Current => _tokens[_pos];

    private Token Peek(int ahead = 1) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    private Token Next() => _tokens[_pos < _tokens.Count - 1 ? _pos++ : _pos];

    private Token Expect(TokenKind kind, string? value = null)
    {
        var token = Current;
        if (token.Kind != kind || (value is not null && token.Value != value))
        {
            throw new JinjaSyntaxException($"expected {value ?? kind.ToString()} but found '{Describe(token)}'", token.Line);
        }

        return Next();
    }

    private bool Accept(TokenKind kind, string value)
    {
        if (Current.Is(kind, value))
        {
            _pos++;
            return true;
        }

        return false;
    }

    private string ExpectName() => Expect(TokenKind.Name).Value;

    private static string Describe(Token token) => token.Kind switch
    {
        TokenKind.Eof => "end of template",
        TokenKind.BlockEnd => "%}",
        TokenKind.VariableEnd => "}}",
        _ => token.Value,
    };

    private void Enter(int line)
    {
        if (++_nesting > MaxNesting)
        {
            throw new JinjaSyntaxException($"nesting deeper than {MaxNesting}", line);
        }
    }

    private void Exit() => _nesting--;
}
