namespace EdgeRouter.Gguf;

/// <summary>
/// A small but real SentencePiece ("llama") vocabulary: control tokens, the 256 byte-fallback tokens,
/// chatml markers, characters and English word pieces, then filler tokens up to the requested size.
/// </summary>
internal sealed class SpmVocabulary
{
    public const int Unknown = 0;
    public const int Bos = 1;
    public const int Eos = 2;
    public const int ImStart = 259;
    public const int ImEnd = 260;

    // llama_token_type values.
    private const int Normal = 1;
    private const int UnknownType = 2;
    private const int Control = 3;
    private const int Byte = 6;

    private const string Space = "\u2581";

    private readonly List<string> _tokens = [];
    private readonly List<float> _scores = [];
    private readonly List<int> _types = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    private SpmVocabulary()
    {
    }

    public string[] Tokens => [.. _tokens];

    public float[] Scores => [.. _scores];

    public int[] TokenTypes => [.. _types];

    public int Count => _tokens.Count;

    /// <summary>Builds the vocabulary; <paramref name="size"/> 0 means no filler.</summary>
    /// <param name="controlTokens">Extra control tokens, numbered right after &lt;|im_end|&gt;.</param>
    public static SpmVocabulary Build(int size, IReadOnlyList<string>? controlTokens = null)
    {
        var v = new SpmVocabulary();
        v.Add("<unk>", 0, UnknownType);
        v.Add("<s>", 0, Control);
        v.Add("</s>", 0, Control);
        for (var b = 0; b < 256; b++)
        {
            // SPM finds the newline token by this exact spelling.
            v.Add($"<0x{b:X2}>", 0, Byte);
        }

        v.Add("<|im_start|>", 0, Control);
        v.Add("<|im_end|>", 0, Control);
        foreach (var token in controlTokens ?? [])
        {
            v.Add(token, 0, Control);
        }

        v.AddPiece(Space);
        foreach (var c in SpmWordList.Characters)
        {
            v.AddPiece(c.ToString());
        }

        foreach (var word in SpmWordList.Words)
        {
            v.AddWithPrefixes(Space + word);
        }

        foreach (var suffix in SpmWordList.Suffixes)
        {
            v.AddWithPrefixes(suffix);
        }

        if (size != 0 && size < v.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(size), $"The vocabulary needs at least {v.Count} tokens.");
        }

        for (var i = 0; v.Count < size; i++)
        {
            v.AddPiece($"{Space}w{i}");
        }

        return v;
    }

    // Pieces are added in priority order; scores descend so earlier pieces win SPM merges.
    private void AddPiece(string piece)
    {
        if (_seen.Contains(piece))
        {
            return;
        }

        Add(piece, -(_tokens.Count - ImEnd - 1), Normal);
    }

    // SPM only merges adjacent pieces into tokens that exist, so every prefix must exist for the word to be reachable.
    private void AddWithPrefixes(string piece)
    {
        var start = Math.Min(piece.Length, piece.StartsWith(Space, StringComparison.Ordinal) ? Space.Length + 1 : 2);
        for (var end = start; end <= piece.Length; end++)
        {
            AddPiece(piece[..end]);
        }
    }

    private void Add(string token, float score, int type)
    {
        _seen.Add(token);
        _tokens.Add(token);
        _scores.Add(score);
        _types.Add(type);
    }
}
