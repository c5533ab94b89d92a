using EdgeRouter.Llama.Native;

namespace EdgeRouter.Llama.Engine;

/// <summary>
/// The vocabulary sorted by the bytes llama.cpp's grammar sees for each token (its piece with control tokens spelled
/// out), so that the tokens sharing a prefix form one contiguous range, and a tree over the large ranges. A grammar
/// that refuses a prefix refuses every token starting with it: it consumes a token's code points one by one and a
/// token is allowed only if every step is (a token that ends inside a multi-byte character is checked against the
/// characters it could still become). So checking the one token whose piece is exactly a common prefix ("␠", "␠t")
/// rules a whole range in or out, which is how XGrammar and llguidance avoid checking a 150k vocabulary token by token.
/// End-of-generation tokens are outside the tree (the grammar judges them by its state, not by their text), and so are
/// tokens the grammar sees as empty. Built once per engine, on the first constrained request.
/// </summary>
internal sealed unsafe class TokenPrefixTree
{
    /// <summary>A range smaller than this is a leaf: checking its tokens costs less than probing its children.</summary>
    public const int LeafSize = 64;

    private TokenPrefixTree(int[] order, Node[] nodes, int[] always)
    {
        Order = order;
        Nodes = nodes;
        Always = always;
    }

    /// <summary>Token ids in byte order of their pieces (without <see cref="Always"/>).</summary>
    public int[] Order { get; }

    /// <summary>Node 0 is the root (the empty prefix); every node's children are contiguous.</summary>
    public Node[] Nodes { get; }

    /// <summary>Tokens that are always candidates: end of generation, and pieces the grammar sees as empty.</summary>
    public int[] Always { get; }

    /// <param name="Start">First index of the range in <see cref="Order"/>.</param>
    /// <param name="End">One past the last index.</param>
    /// <param name="Own">Tokens at the range's start whose piece is exactly the prefix (they share its verdict).</param>
    /// <param name="Probe">A token whose piece is exactly the prefix, or -1 when the vocabulary has none.</param>
    /// <param name="FirstChild">Index of the first child in <see cref="Nodes"/>, or -1 for a leaf.</param>
    /// <param name="ChildCount">Number of children.</param>
    public readonly record struct Node(int Start, int End, int Own, int Probe, int FirstChild, int ChildCount);

    public static TokenPrefixTree Build(IntPtr vocab, int vocabSize)
    {
        var pieces = new byte[vocabSize][];
        var always = new List<int>();
        var ordered = new List<int>(vocabSize);
        var buffer = new byte[256];
        for (var token = 0; token < vocabSize; token++)
        {
            var piece = Piece(vocab, token, ref buffer);
            pieces[token] = piece;
            if (LlamaNative.llama_vocab_is_eog(vocab, token) || piece.Length == 0 || piece[0] == 0)
            {
                always.Add(token);
            }
            else
            {
                ordered.Add(token);
            }
        }
        var order = ordered.ToArray();
        // Ties (two tokens with the same piece) keep id order, so the first one is the probe.
        Array.Sort(order, (a, b) =>
        {
            var c = pieces[a].AsSpan().SequenceCompareTo(pieces[b]);
            return c != 0 ? c : a.CompareTo(b);
        });
        var nodes = new List<Node> { default };
        nodes[0] = Expand(nodes, pieces, order, 0, order.Length, depth: 0);
        return new TokenPrefixTree(order, nodes.ToArray(), always.ToArray());
    }

    /// <summary>The node of the range [start, end) whose pieces share their first <paramref name="depth"/> bytes.</summary>
    private static Node Expand(List<Node> nodes, byte[][] pieces, int[] order, int start, int end, int depth)
    {
        var own = 0;
        while (start + own < end && pieces[order[start + own]].Length == depth)
        {
            own++;
        }
        var probe = own > 0 ? order[start] : -1;
        if (end - start <= LeafSize)
        {
            return new Node(start, end, own, probe, -1, 0);
        }
        // Children: one per distinct byte at this depth, each a contiguous run of the sorted range.
        var groups = new List<(int Start, int End)>();
        for (var i = start + own; i < end;)
        {
            var b = pieces[order[i]][depth];
            var j = i + 1;
            while (j < end && pieces[order[j]][depth] == b)
            {
                j++;
            }
            groups.Add((i, j));
            i = j;
        }
        var first = nodes.Count;
        foreach (var _ in groups)
        {
            nodes.Add(default);
        }
        for (var g = 0; g < groups.Count; g++)
        {
            nodes[first + g] = Expand(nodes, pieces, order, groups[g].Start, groups[g].End, depth + 1);
        }
        return new Node(start, end, own, probe, first, groups.Count);
    }

    /// <summary>The piece the grammar matches against: control tokens spelled out (special), no space stripped.</summary>
    private static byte[] Piece(IntPtr vocab, int token, ref byte[] buffer)
    {
        while (true)
        {
            int length;
            fixed (byte* b = buffer)
            {
                length = LlamaNative.llama_token_to_piece(vocab, token, b, buffer.Length, lstrip: 0, special: true);
            }
            if (length >= 0)
            {
                return buffer.AsSpan(0, length).ToArray();
            }
            buffer = new byte[-length];
        }
    }
}
