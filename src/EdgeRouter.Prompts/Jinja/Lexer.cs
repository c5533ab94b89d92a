using System.Text.RegularExpressions;

namespace EdgeRouter.Prompts.Jinja;

/// <summary>
/// Splits a template into text and tag tokens. Whitespace follows the Hugging Face chat-template environment
/// (trim_blocks and lstrip_blocks on) plus the explicit "-" markers, because real templates are written for it.
/// </summary>
internal sealed partial class Lexer
{
    private readonly string _src;
    private readonly List<Token> _tokens = [];
    private int _pos;
    private int _line = 1;
    private bool _trimNextText;

    private Lexer(string source) => _src = source;

    public static List<Token> Tokenize(string source)
    {
        var lexer = new Lexer(source);
        lexer.Run();
        lexer._tokens.Add(new Token(TokenKind.Eof, "", lexer._line));
        return lexer._tokens;
    }

    private void Run()
    {
        while (_pos < _src.Length)
        {
            var start = FindTagStart(_pos);
            var textEnd = start < 0 ? _src.Length : start;
            var text = _src[_pos..textEnd];
            if (_trimNextText)
            {
                text = text.TrimStart();
                _trimNextText = false;
            }

            if (start < 0)
            {
                EmitText(text, _pos, textEnd);
                _pos = _src.Length;
                return;
            }

            var kind = _src[start + 1];
            var modifier = start + 2 < _src.Length ? _src[start + 2] : '\0';
            if (modifier == '-')
            {
                text = text.TrimEnd();
            }
            else if (kind != '{' && modifier != '+')
            {
                text = LstripBlock(text, _pos);
            }

            EmitText(text, _pos, textEnd);
            _pos = start + 2 + (modifier is '-' or '+' ? 1 : 0);
            switch (kind)
            {
                case '#':
                    SkipComment();
                    break;
                case '{':
                    _tokens.Add(new Token(TokenKind.VariableStart, "{{", _line));
                    LexInside('}', TokenKind.VariableEnd, trimBlocks: false);
                    break;
                default:
                    _tokens.Add(new Token(TokenKind.BlockStart, "{%", _line));
                    LexInside('%', TokenKind.BlockEnd, trimBlocks: true);
                    TakeRawBlock();
                    break;
            }
        }
    }

    private int FindTagStart(int from)
    {
        for (var i = _src.IndexOf('{', from); i >= 0 && i + 1 < _src.Length; i = _src.IndexOf('{', i + 1))
        {
            if (_src[i + 1] is '{' or '%' or '#')
            {
                return i;
            }
        }

        return -1;
    }

    // lstrip_blocks: spaces and tabs between the start of a line and a block or comment tag are not output.
    private string LstripBlock(string text, int textStart)
    {
        var newline = text.LastIndexOf('\n');
        var atLineStart = newline >= 0 || textStart == 0 || _src[textStart - 1] == '\n';
        if (!atLineStart)
        {
            return text;
        }

        var tail = text.AsSpan(newline + 1);
        return tail.ContainsAnyExcept(' ', '\t') ? text : text[..(newline + 1)];
    }

    private void EmitText(string text, int rawStart, int rawEnd)
    {
        if (text.Length > 0)
        {
            _tokens.Add(new Token(TokenKind.Text, text, _line));
        }

        _line += _src.AsSpan(rawStart, rawEnd - rawStart).Count('\n');
    }

    private void SkipComment()
    {
        var end = _src.IndexOf("#}", _pos, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new JinjaSyntaxException("unclosed comment", _line);
        }

        _line += _src.AsSpan(_pos, end - _pos).Count('\n');
        var trim = end > _pos && _src[end - 1] == '-';
        _pos = end + 2;
        AfterTag(trim, trimBlocks: true);
    }

    // trim_blocks: the first newline after a block or comment tag is not output.
    private void AfterTag(bool trim, bool trimBlocks)
    {
        if (trim)
        {
            _trimNextText = true;
        }
        else if (trimBlocks && _pos < _src.Length && _src[_pos] == '\n')
        {
            _pos++;
            _line++;
        }
        else if (trimBlocks && _pos + 1 < _src.Length && _src[_pos] == '\r' && _src[_pos + 1] == '\n')
        {
            _pos += 2;
            _line++;
        }
    }

    // {% raw %}...{% endraw %}: the body is text, not tags.
    private void TakeRawBlock()
    {
        var n = _tokens.Count;
        if (n < 3 || !_tokens[n - 2].IsName("raw") || _tokens[n - 3].Kind != TokenKind.BlockStart)
        {
            return;
        }

        var match = EndRaw().Match(_src, _pos);
        if (!match.Success)
        {
            throw new JinjaSyntaxException("unclosed raw block", _line);
        }

        _tokens.RemoveRange(n - 3, 3);
        var body = _src[_pos..match.Index];
        if (match.Groups[1].Length > 0)
        {
            body = body.TrimEnd();
        }

        EmitText(body, _pos, match.Index);
        _pos = match.Index + match.Length;
        AfterTag(match.Groups[2].Length > 0, trimBlocks: true);
    }

    [GeneratedRegex(@"\{%(-?)\s*endraw\s*(-?)%\}")]
    private static partial Regex EndRaw();
}
