using System.Text;

namespace EdgeRouter.Prompts.ToolCalls;

/// <summary>
/// Sits between the token stream and a streaming surface when tools are offered. Text that cannot be the start of
/// a tool call is released at once; text that may open one (a partial "&lt;tool_c", or an answer starting with "{"
/// for Llama 3) is held back; once a call opener is seen, the rest is held and parsed by <see cref="Finish"/>.
/// </summary>
/// <example><code>
/// var detector = new ToolCallStreamDetector(ToolCallSyntax.Hermes);
/// foreach (var piece in pieces) { Send(detector.Push(piece)); }
/// var end = detector.Finish(); Send(end.Content); SendCalls(end.Calls);
/// </code></example>
/// <param name="syntax">The family's call syntax.</param>
/// <param name="schemas">Tool name → parameters schema text, for families whose arguments are typed by it (Qwen3-Coder).</param>
public sealed class ToolCallStreamDetector(ToolCallSyntax syntax, IReadOnlyDictionary<string, string?>? schemas = null)
{
    private readonly StringBuilder _held = new();
    private bool _releasedAny;

    /// <summary>True once the answer contains a call opener (or is a candidate bare JSON call).</summary>
    public bool InToolCall { get; private set; }

    /// <summary>Adds a piece of the answer; returns the text that is certainly content and can be streamed now.</summary>
    public string Push(string piece)
    {
        ArgumentNullException.ThrowIfNull(piece);
        _held.Append(piece);
        if (InToolCall)
        {
            return "";
        }

        var text = _held.ToString();
        if (!_releasedAny && syntax.StartsWithJson)
        {
            var trimmed = text.TrimStart();
            if (trimmed.Length == 0)
            {
                return "";
            }

            if (trimmed[0] == '{' || (trimmed[0] == '[' && syntax.Family == ToolCallFamily.Mistral))
            {
                InToolCall = true;
                return "";
            }
        }

        var opener = FirstOpener(text);
        if (opener >= 0)
        {
            InToolCall = true;
            return Release(opener);
        }

        return Release(text.Length - LongestOpenerPrefixAtEnd(text));
    }

    /// <summary>At the end of generation: the held text split into content still to send and the calls.</summary>
    public ToolCallParseResult Finish()
    {
        var held = _held.ToString();
        _held.Clear();
        return held.Length == 0 ? ToolCallParseResult.TextOnly("") : ToolCallParser.Parse(syntax.Family, held, schemas);
    }

    private string Release(int count)
    {
        if (count <= 0)
        {
            return "";
        }

        var text = _held.ToString(0, count);
        _held.Remove(0, count);
        _releasedAny = true;
        return text;
    }

    private int FirstOpener(string text)
    {
        var first = -1;
        foreach (var word in syntax.TriggerWords)
        {
            var at = text.IndexOf(word, StringComparison.Ordinal);
            if (at >= 0 && (first < 0 || at < first))
            {
                first = at;
            }
        }

        return first;
    }

    private int LongestOpenerPrefixAtEnd(string text)
    {
        var longest = 0;
        foreach (var word in syntax.TriggerWords)
        {
            for (var n = Math.Min(word.Length - 1, text.Length); n > longest; n--)
            {
                if (text.AsSpan(text.Length - n).SequenceEqual(word.AsSpan(0, n)))
                {
                    longest = n;
                    break;
                }
            }
        }

        return longest;
    }
}
