namespace EdgeRouter.Gguf;

/// <summary>
/// A small but real WordPiece ("bert") vocabulary as llama.cpp's WPM tokenizer reads it: the special tokens, then
/// word-initial pieces spelled with the "▁" marker and word-inner pieces without it (convert_hf_to_gguf turns
/// BERT's "##" continuation prefix into this form), then filler tokens up to the requested size.
/// </summary>
internal sealed class WordPieceVocabulary
{
    public const int Padding = 0;
    public const int Unknown = 1;
    public const int Cls = 2;
    public const int Sep = 3;
    public const int Mask = 4;

    // llama_token_type values.
    private const int Normal = 1;
    private const int UnknownType = 2;
    private const int Control = 3;

    private const string WordStart = "\u2581";

    private readonly List<string> _tokens = [];
    private readonly List<int> _types = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    private WordPieceVocabulary()
    {
    }

    public string[] Tokens => [.. _tokens];

    public int[] TokenTypes => [.. _types];

    public int Count => _tokens.Count;

    /// <summary>Builds the vocabulary; <paramref name="size"/> 0 means no filler.</summary>
    public static WordPieceVocabulary Build(int size)
    {
        var v = new WordPieceVocabulary();
        v.Add("[PAD]", Control);
        v.Add("[UNK]", UnknownType);
        v.Add("[CLS]", Control);
        v.Add("[SEP]", Control);
        v.Add("[MASK]", Control);
        // Every character both word-initial and word-inner, so any ASCII text tokenizes without [UNK].
        foreach (var c in SpmWordList.Characters)
        {
            v.Add(WordStart + c, Normal);
            v.Add(c.ToString(), Normal);
        }

        foreach (var word in SpmWordList.Words)
        {
            v.Add(WordStart + word.ToLowerInvariant(), Normal);
        }

        foreach (var suffix in SpmWordList.Suffixes)
        {
            v.Add(suffix, Normal);
        }

        if (size != 0 && size < v.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(size), $"The vocabulary needs at least {v.Count} tokens.");
        }

        for (var i = 0; v.Count < size; i++)
        {
            v.Add($"{WordStart}w{i}", Normal);
        }

        return v;
    }

    private void Add(string token, int type)
    {
        if (_seen.Add(token))
        {
            _tokens.Add(token);
            _types.Add(type);
        }
    }
}
