using EdgeRouter.Llama.Native;

namespace EdgeRouter.Llama.Engine;

/// <summary>
/// What llama.cpp's grammar does not check: that the emitted bytes are valid UTF-8. Its decoder accepts overlong
/// forms and surrogates (ED A0 80) as code points, which our output decoder then turns into one U+FFFD per byte,
/// so a string the grammar counted as 5 characters arrives as 7 (a random-weight model found this within 20 schemas).
/// It also reads control tokens as their text ("&lt;|im_start|&gt;") while the output drops them. The vocabulary is
/// classified once per engine; per token only byte tokens and split sequences walk the state machine.
/// </summary>
internal sealed unsafe class Utf8Guard
{
    private readonly bool[] _banned;
    private readonly Dictionary<int, byte[]> _partial;

    private Utf8Guard(bool[] banned, Dictionary<int, byte[]> partial)
    {
        _banned = banned;
        _partial = partial;
    }

    public static Utf8Guard Build(IntPtr vocab, int vocabSize)
    {
        var banned = new bool[vocabSize];
        var partial = new Dictionary<int, byte[]>();
        var buffer = stackalloc byte[256];
        for (var token = 0; token < vocabSize; token++)
        {
            if (LlamaNative.llama_vocab_is_eog(vocab, token))
            {
                continue;
            }
            var length = LlamaNative.llama_token_to_piece(vocab, token, buffer, 256, lstrip: 0, special: false);
            if (length <= 0)
            {
                // Control tokens print as nothing here but as their text to the grammar; unused slots print nothing at all.
                banned[token] = true;
                continue;
            }
            var state = default(State);
            var piece = new ReadOnlySpan<byte>(buffer, length);
            if (!Feed(ref state, piece) || state.Remaining != 0)
            {
                partial[token] = piece.ToArray();
            }
        }
        return new Utf8Guard(banned, partial);
    }

    /// <summary>The decoder's position in a multi-byte sequence; one per request.</summary>
    public struct State
    {
        public int Remaining;
        public byte Low;
        public byte High;
    }

    /// <summary>True when emitting <paramref name="token"/> keeps the output valid UTF-8.</summary>
    /// <param name="allowControl">Lazy grammars: a control token may be the very trigger (a family's tool-call opener).</param>
    public bool Allows(in State state, int token, bool endOfGeneration, bool allowControl)
    {
        if (endOfGeneration)
        {
            return state.Remaining == 0;
        }
        if (_banned[token] && !allowControl)
        {
            return false;
        }
        if (!_partial.TryGetValue(token, out var bytes))
        {
            return state.Remaining == 0;
        }
        var copy = state;
        return Feed(ref copy, bytes);
    }

    public void Accept(ref State state, int token)
    {
        if (_partial.TryGetValue(token, out var bytes))
        {
            Feed(ref state, bytes);
        }
    }

    private static bool Feed(ref State state, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (state.Remaining > 0)
            {
                if (b < state.Low || b > state.High)
                {
                    return false;
                }
                state.Remaining--;
                state.Low = 0x80;
                state.High = 0xBF;
                continue;
            }
            // RFC 3629's table: the second byte's range is what rules out overlongs (E0, F0) and surrogates (ED).
            (state.Remaining, state.Low, state.High) = b switch
            {
                < 0x80 => (0, (byte)0x80, (byte)0xBF),
                >= 0xC2 and <= 0xDF => (1, (byte)0x80, (byte)0xBF),
                0xE0 => (2, (byte)0xA0, (byte)0xBF),
                0xED => (2, (byte)0x80, (byte)0x9F),
                >= 0xE1 and <= 0xEF => (2, (byte)0x80, (byte)0xBF),
                0xF0 => (3, (byte)0x90, (byte)0xBF),
                >= 0xF1 and <= 0xF3 => (3, (byte)0x80, (byte)0xBF),
                0xF4 => (3, (byte)0x80, (byte)0x8F),
                _ => (-1, (byte)0, (byte)0),
            };
            if (state.Remaining < 0)
            {
                state = default;
                return false;
            }
        }
        return true;
    }
}
