namespace EdgeRouter.Gguf;

/// <summary>The word pieces of the generated tokenizer, most frequent first (earlier means a higher score).</summary>
internal static class SpmWordList
{
    /// <summary>Whole words; each becomes "▁word", with its prefixes so the SPM merges can reach it.</summary>
    public static readonly string[] Words =
    [
        "the", "of", "and", "to", "a", "in", "is", "you", "that", "it", "for", "was", "on", "are", "as", "with",
        "be", "this", "have", "from", "or", "one", "had", "by", "but", "not", "what", "all", "were", "we", "when",
        "your", "can", "said", "there", "use", "an", "each", "which", "she", "do", "how", "their", "if", "will",
        "up", "other", "about", "out", "many", "then", "them", "so", "some", "her", "would", "make", "like", "him",
        "into", "time", "has", "look", "two", "more", "write", "go", "see", "number", "no", "way", "could",
        "people", "my", "than", "first", "water", "been", "call", "who", "now", "find", "long", "down", "day",
        "did", "get", "come", "made", "may", "part", "hello", "world", "model", "answer", "question", "please",
        "thank", "yes", "good", "help", "name", "test", "word", "token", "edge", "router", "reply", "short",
        "story", "tell", "me", "I", "The", "Hello", "What", "How", "You", "It", "This", "A", "We", "Hi",
    ];

    /// <summary>Sub-word pieces without the space marker, used inside or at the end of words.</summary>
    public static readonly string[] Suffixes =
    [
        "s", "ed", "ing", "er", "ly", "es", "tion", "ment", "ness", "al", "able", "est", "ful", "less", "ity",
        "ous", "ive", "th", "he", "in", "an", "re", "on", "at", "en", "nd", "ll", "lo", "or", "ar",
    ];

    /// <summary>Single characters, so common text needs no byte fallback.</summary>
    public const string Characters =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?'\":;-()";
}
