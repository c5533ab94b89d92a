namespace EdgeRouter.Llama.Engine;

/// <summary>
/// The tokens currently in sequence 0 of the KV memory, in order. Kept exact (appended only after a successful
/// decode) so a new request can keep the common prefix instead of re-evaluating the whole prompt.
/// </summary>
internal sealed class KvTokenMirror
{
    private int[] _tokens = new int[256];

    public int Count { get; private set; }

    public ReadOnlySpan<int> Tokens => _tokens.AsSpan(0, Count);

    /// <summary>
    /// How many leading tokens of <paramref name="prompt"/> can stay in memory. At least the last prompt token is
    /// always re-decoded: sampling needs its logits, and those are not kept between requests.
    /// </summary>
    public int ReusablePrefix(ReadOnlySpan<int> prompt)
    {
        var common = Tokens.CommonPrefixLength(prompt);
        return Math.Min(common, Math.Max(prompt.Length - 1, 0));
    }

    public void Append(ReadOnlySpan<int> decoded)
    {
        if (Count + decoded.Length > _tokens.Length)
        {
            Array.Resize(ref _tokens, Math.Max(Count + decoded.Length, _tokens.Length * 2));
        }

        decoded.CopyTo(_tokens.AsSpan(Count));
        Count += decoded.Length;
    }

    public void Append(int decoded)
    {
        if (Count == _tokens.Length)
        {
            Array.Resize(ref _tokens, _tokens.Length * 2);
        }

        _tokens[Count++] = decoded;
    }

    public void Truncate(int count) => Count = Math.Clamp(count, 0, Count);

    public void Clear() => Count = 0;
}
