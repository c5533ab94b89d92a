using EdgeRouter.Llama.Native;

namespace EdgeRouter.Llama.Engine;

/// <summary>
/// token → UTF-8 piece bytes → chars, through buffers reused for the engine's lifetime (the byte buffer is pinned
/// once), so the per-token path allocates nothing.
/// </summary>
internal sealed unsafe class TokenPieceReader(IntPtr vocab)
{
    private readonly Utf8PieceDecoder _decoder = new();
    private byte[] _bytes = GC.AllocateUninitializedArray<byte>(256, pinned: true);
    private int[] _visibleControls = [];

    public void Reset() => _decoder.Reset();

    /// <summary>Control tokens this generation prints as their text (a tool-call opener the parser must see).</summary>
    public void ShowControls(int[] tokens) => _visibleControls = tokens;

    /// <summary>Text completed by this token (may be empty while a multi-byte character is still incomplete).</summary>
    public ReadOnlySpan<char> Read(int token)
    {
        var length = Piece(token);
        if (length < 0)
        {
            // A piece longer than the buffer (user-defined tokens can be long): grow once and retry.
            _bytes = GC.AllocateUninitializedArray<byte>(-length, pinned: true);
            length = Piece(token);
        }

        return _decoder.Decode(_bytes.AsSpan(0, Math.Max(length, 0)));
    }

    public ReadOnlySpan<char> Flush() => _decoder.Flush();

    /// <summary>The token's piece as a new array, printed by the same rule as <see cref="Read"/> (for log-probabilities).</summary>
    public byte[] Bytes(int token)
    {
        var length = Piece(token);
        if (length < 0)
        {
            _bytes = GC.AllocateUninitializedArray<byte>(-length, pinned: true);
            length = Piece(token);
        }
        return _bytes.AsSpan(0, Math.Max(length, 0)).ToArray();
    }

    private int Piece(int token)
    {
        // The array is pinned, so taking its address is free and stable.
        var pointer = (byte*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref _bytes[0]);
        var special = _visibleControls.Length > 0 && Array.IndexOf(_visibleControls, token) >= 0;
        return LlamaNative.llama_token_to_piece(vocab, token, pointer, _bytes.Length, lstrip: 0, special);
    }
}
