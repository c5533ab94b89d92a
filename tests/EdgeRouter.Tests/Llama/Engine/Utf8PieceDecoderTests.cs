using System.Text;
using EdgeRouter.Llama.Engine;

namespace EdgeRouter.Tests.Llama.Engine;

public sealed class Utf8PieceDecoderTests
{
    [Theory]
    [InlineData("é")]
    [InlineData("€")]
    [InlineData("😀")]
    [InlineData("café 😀 naïve")]
    public void Decode_SequenceSplitIntoSingleBytes_NeverEmitsReplacementChar(string text)
    {
        var decoder = new Utf8PieceDecoder();
        var output = new StringBuilder();

        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var piece = decoder.Decode([b]).ToString();
            Assert.DoesNotContain('\uFFFD', piece);
            output.Append(piece);
        }

        output.Append(decoder.Flush());
        Assert.Equal(text, output.ToString());
    }

    [Fact]
    public void Decode_IncompleteSequence_EmitsNothingUntilCompleted()
    {
        var decoder = new Utf8PieceDecoder();
        byte[] emoji = [0xF0, 0x9F, 0x98, 0x80];

        Assert.Equal(0, decoder.Decode(emoji.AsSpan(0, 2)).Length);
        Assert.Equal("😀", decoder.Decode(emoji.AsSpan(2)).ToString());
    }

    [Fact]
    public void Flush_DanglingBytes_BecomeOneReplacementChar()
    {
        var decoder = new Utf8PieceDecoder();
        decoder.Decode([0xE2, 0x82]);

        Assert.Equal("\uFFFD", decoder.Flush().ToString());
    }

    [Fact]
    public void Reset_DropsCarriedBytes()
    {
        var decoder = new Utf8PieceDecoder();
        decoder.Decode([0xC3]);
        decoder.Reset();

        Assert.Equal("A", decoder.Decode("A"u8).ToString());
    }

    [Fact]
    public void Decode_LongPiece_GrowsBuffer()
    {
        var text = new string('x', 5000);

        Assert.Equal(text, new Utf8PieceDecoder().Decode(Encoding.UTF8.GetBytes(text)).ToString());
    }
}
