using System.Text;
using EdgeRouter.Llama.Native;
using EdgeRouter.Prompts.ToolCalls;

namespace EdgeRouter.Llama.Engine;

/// <summary>
/// The control tokens that spell a family's tool-call words ([TOOL_CALLS], &lt;|python_tag|&gt;) in this vocabulary.
/// Output text drops control tokens, so without these the parser never sees the opener (Llama's built-in
/// <c>name.call(...)</c> calls come only after &lt;|python_tag|&gt;). Words that are plain text, or several tokens, need nothing.
/// </summary>
internal static unsafe class ToolMarkerTokens
{
    public static int[] Find(IntPtr vocab, ToolCallSyntax syntax)
    {
        var found = new List<int>();
        foreach (var word in syntax.TriggerWords.Concat(syntax.Markers))
        {
            if (SingleControlToken(vocab, word) is { } token && !found.Contains(token))
            {
                found.Add(token);
            }
        }
        return [.. found];
    }

    private static int? SingleControlToken(IntPtr vocab, string word)
    {
        var utf8 = Encoding.UTF8.GetBytes(word);
        var tokens = stackalloc int[2];
        int count;
        fixed (byte* text = utf8)
        {
            count = LlamaNative.llama_tokenize(vocab, text, utf8.Length, tokens, 2, addSpecial: false, parseSpecial: true);
        }
        if (count != 1)
        {
            return null;
        }
        // A control token prints nothing without special=true; a user-defined one prints its text either way.
        var piece = stackalloc byte[8];
        return LlamaNative.llama_token_to_piece(vocab, tokens[0], piece, 8, lstrip: 0, special: false) == 0 ? tokens[0] : null;
    }
}
