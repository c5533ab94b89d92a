using EdgeRouter.Gguf;
using Xunit;

namespace EdgeRouter.Tests.Gguf;

public sealed class ModelTokenizerTests
{
    private static readonly GgufFile File = TinyModels.Read(
        TinyModels.Bytes(GgufTensorType.Q8_0), options: new GgufReadOptions { ArrayItemLimit = long.MaxValue });

    private static string[] Tokens => (string[])File.Metadata[GgufKeys.Tokens].AsArray!.Items!;

    private static int[] Types => (int[])File.Metadata[GgufKeys.TokenTypes].AsArray!.Items!;

    [Fact]
    public void SpecialTokens_HaveFixedIdsAndTypes()
    {
        Assert.Equal(["<unk>", "<s>", "</s>"], Tokens[..3]);
        Assert.Equal([2, 3, 3], Types[..3]);
        Assert.Equal("<|im_start|>", Tokens[259]);
        Assert.Equal("<|im_end|>", Tokens[260]);
        Assert.Equal(3, Types[260]);
        Assert.Equal(1ul, File.GetUInt64(GgufKeys.BosTokenId));
        Assert.Equal(260ul, File.GetUInt64(GgufKeys.EosTokenId));
        Assert.Equal(0ul, File.GetUInt64(GgufKeys.UnknownTokenId));
        Assert.NotNull(File.GetUInt64(GgufKeys.PaddingTokenId));
    }

    [Fact]
    public void ByteTokens_CoverAllBytesWithSpmSpelling()
    {
        for (var b = 0; b < 256; b++)
        {
            Assert.Equal($"<0x{b:X2}>", Tokens[3 + b]);
            Assert.Equal(6, Types[3 + b]);
        }

        Assert.Equal("<0x0A>", Tokens[3 + '\n']);
    }

    [Fact]
    public void WordPieces_AreNormalUniqueWithDescendingScores()
    {
        var scores = (float[])File.Metadata[GgufKeys.Scores].AsArray!.Items!;

        Assert.Contains("\u2581the", Tokens);
        Assert.Contains("\u2581hello", Tokens);
        Assert.Contains("\u2581hell", Tokens);
        Assert.Contains("ing", Tokens);
        Assert.Equal(Tokens.Length, Tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.All(Types[261..], t => Assert.Equal(1, t));
        for (var i = 262; i < scores.Length; i++)
        {
            Assert.True(scores[i] < scores[i - 1], $"score {i} does not descend");
        }
    }

    [Fact]
    public void TokenizerFlags_MatchSpm()
    {
        Assert.True((bool)File.Metadata[GgufKeys.AddBosToken].Value);
        Assert.False((bool)File.Metadata[GgufKeys.AddEosToken].Value);
        Assert.True((bool)File.Metadata[GgufKeys.AddSpacePrefix].Value);
        Assert.Equal(ChatTemplates.ChatMl, File.ChatTemplate);
    }
}
