using System.Text;

namespace EdgeRouter.Prompts.Jinja;

/// <summary>The tokens inside a {{ }} or {% %} tag.</summary>
internal sealed partial class Lexer
{
    private static readonly string[] TwoCharOperators = ["**", "//", "==", "!=", "<=", ">="];

    private void LexInside(char close, TokenKind endKind, bool trimBlocks)
    {
        // Brackets are counted so that a dict literal's "}}" inside {{ }} is not taken for the tag's end.
        var depth = 0;
        while (true)
        {
            SkipWhitespace();
            if (_pos >= _src.Length)
            {
                throw new JinjaSyntaxException("unclosed tag", _line);
            }

            var c = _src[_pos];
            if (depth == 0 && c == '-' && At(_pos + 1, close))
            {
                _pos += 3;
                _tokens.Add(new Token(endKind, "", _line));
                AfterTag(trim: true, trimBlocks);
                return;
            }

            if (depth == 0 && At(_pos, close))
            {
                _pos += 2;
                _tokens.Add(new Token(endKind, "", _line));
                AfterTag(trim: false, trimBlocks);
                return;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = _pos;
                while (_pos < _src.Length && (char.IsAsciiLetterOrDigit(_src[_pos]) || _src[_pos] == '_'))
                {
                    _pos++;
                }

                _tokens.Add(new Token(TokenKind.Name, _src[start.._pos], _line));
            }
            else if (char.IsAsciiDigit(c))
            {
                LexNumber();
            }
            else if (c is '\'' or '"')
            {
                LexString(c);
            }
            else
            {
                depth = Math.Max(0, depth + c switch { '(' or '[' or '{' => 1, ')' or ']' or '}' => -1, _ => 0 });
                LexOperator(c);
            }
        }
    }

    private bool At(int index, char close) =>
        index + 1 < _src.Length && _src[index] == close && _src[index + 1] == '}';

    private void SkipWhitespace()
    {
        while (_pos < _src.Length && char.IsWhiteSpace(_src[_pos]))
        {
            if (_src[_pos] == '\n')
            {
                _line++;
            }

            _pos++;
        }
    }

    private void LexOperator(char c)
    {
        foreach (var op in TwoCharOperators)
        {
            if (string.CompareOrdinal(_src, _pos, op, 0, 2) == 0)
            {
                _tokens.Add(new Token(TokenKind.Operator, op, _line));
                _pos += 2;
                return;
            }
        }

        if ("+-*/%~<>=()[]{}.,:|!".Contains(c, StringComparison.Ordinal))
        {
            _tokens.Add(new Token(TokenKind.Operator, c.ToString(), _line));
            _pos++;
            return;
        }

        throw new JinjaSyntaxException($"unexpected character '{c}'", _line);
    }

    private void LexNumber()
    {
        var start = _pos;
        var isFloat = false;
        while (_pos < _src.Length && (char.IsAsciiDigit(_src[_pos]) || _src[_pos] == '_'))
        {
            _pos++;
        }

        // "1.5" is a float; "x.1" never reaches here, and "1." followed by a name is attribute access on 1.
        if (_pos + 1 < _src.Length && _src[_pos] == '.' && char.IsAsciiDigit(_src[_pos + 1]))
        {
            isFloat = true;
            _pos++;
            while (_pos < _src.Length && char.IsAsciiDigit(_src[_pos]))
            {
                _pos++;
            }
        }

        if (_pos < _src.Length && _src[_pos] is 'e' or 'E')
        {
            var save = _pos++;
            if (_pos < _src.Length && _src[_pos] is '+' or '-')
            {
                _pos++;
            }

            if (_pos < _src.Length && char.IsAsciiDigit(_src[_pos]))
            {
                isFloat = true;
                while (_pos < _src.Length && char.IsAsciiDigit(_src[_pos]))
                {
                    _pos++;
                }
            }
            else
            {
                _pos = save;
            }
        }

        var text = _src[start.._pos].Replace("_", "", StringComparison.Ordinal);
        _tokens.Add(new Token(isFloat ? TokenKind.Float : TokenKind.Integer, text, _line));
    }

    private void LexString(char quote)
    {
        var sb = new StringBuilder();
        _pos++;
        while (true)
        {
            if (_pos >= _src.Length)
            {
                throw new JinjaSyntaxException("unclosed string literal", _line);
            }

            var c = _src[_pos++];
            if (c == quote)
            {
                break;
            }

            if (c == '\n')
            {
                _line++;
            }

            if (c != '\\' || _pos >= _src.Length)
            {
                sb.Append(c);
                continue;
            }

            var e = _src[_pos++];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case '0': sb.Append('\0'); break;
                case 'u' when _pos + 4 <= _src.Length && IsHex(_src.AsSpan(_pos, 4)):
                    sb.Append((char)Convert.ToInt32(_src.Substring(_pos, 4), 16));
                    _pos += 4;
                    break;
                case '\\' or '\'' or '"': sb.Append(e); break;
                case '\n': _line++; break;
                default: sb.Append('\\').Append(e); break;
            }
        }

        _tokens.Add(new Token(TokenKind.String, sb.ToString(), _line));
    }

    private static bool IsHex(ReadOnlySpan<char> s) => !s.ContainsAnyExcept("0123456789abcdefABCDEF");
}
