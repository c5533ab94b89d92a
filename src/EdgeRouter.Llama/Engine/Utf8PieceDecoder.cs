using System.Text;

namespace EdgeRouter.Llama.Engine;

/// <summary>
/// Streams token pieces to UTF-16. A piece can end inside a multi-byte character (byte-fallback tokens), so the
/// bytes go through one stateful <see cref="Decoder"/> per generation; decoding pieces one by one would turn every
/// split character into U+FFFD.
/// </summary>
internal sealed class Utf8PieceDecoder
{
    // Bytes a decoder can carry between calls (an incomplete 4-byte sequence).
    private const int MaxCarriedBytes = 3;

    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetDecoder();
    private char[] _chars = new char[256];

    /// <summary>Text completed by <paramref name="utf8"/>; valid until the next call.</summary>
    public ReadOnlySpan<char> Decode(ReadOnlySpan<byte> utf8) => Convert(utf8, flush: false);

    /// <summary>Ends the stream: a dangling incomplete sequence becomes U+FFFD rather than vanishing.</summary>
    public ReadOnlySpan<char> Flush() => Convert([], flush: true);

    public void Reset() => _decoder.Reset();

    private ReadOnlySpan<char> Convert(ReadOnlySpan<byte> utf8, bool flush)
    {
        var needed = Encoding.UTF8.GetMaxCharCount(utf8.Length + MaxCarriedBytes);
        if (needed > _chars.Length)
        {
            _chars = new char[Math.Max(needed, _chars.Length * 2)];
        }

        var written = _decoder.GetChars(utf8, _chars, flush);
        return _chars.AsSpan(0, written);
    }
}
