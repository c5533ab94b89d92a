namespace EdgeRouter.Prompts.Jinja;

internal enum TokenKind
{
    Text,
    VariableStart,
    VariableEnd,
    BlockStart,
    BlockEnd,
    Name,
    String,
    Integer,
    Float,
    Operator,
    Eof,
}

internal readonly record struct Token(TokenKind Kind, string Value, int Line)
{
    public bool Is(TokenKind kind, string value) => Kind == kind && Value == value;

    public bool IsOperator(string value) => Kind == TokenKind.Operator && Value == value;

    public bool IsName(string value) => Kind == TokenKind.Name && Value == value;
}
