using System.Runtime.InteropServices;
using System.Text;
using EdgeRouter.Core.Inference;
using EdgeRouter.Llama.Native;

namespace EdgeRouter.Llama.Engine;

/// <summary>
/// One request's llama.cpp grammar sampler, kept out of the sampler chain. llama.cpp's grammar checks candidate
/// tokens one by one, so running it over a 150k vocabulary costs milliseconds per token. Like llama.cpp's common
/// sampler, the token the unconstrained sampler picked is checked alone first (microseconds) and the vocabulary is
/// only filtered when that token is refused; greedy then looks at the 64 most likely tokens. Past those, the
/// <see cref="TokenPrefixTree"/> rules out whole ranges of the vocabulary by checking one token per common prefix,
/// and only the tokens under allowed prefixes go through the grammar.
/// </summary>
internal sealed unsafe class GrammarGuide : IDisposable
{
    private const int GreedyShortlist = 64;

    private readonly LlamaSamplerHandle _sampler;
    private readonly IntPtr _vocab;
    private readonly int _vocabSize;
    private readonly Utf8Guard _utf8;
    private readonly TokenPrefixTree _tree;
    private Utf8Guard.State _utf8State;
    private bool _lazy;
    private LlamaTokenData[]? _all;
    private readonly LlamaTokenData[] _shortlist = new LlamaTokenData[GreedyShortlist];
    private int[]? _frontier;
    private int[]? _nextFrontier;
    private LlamaTokenData[]? _probes;

    private GrammarGuide(LlamaSamplerHandle sampler, IntPtr vocab, int vocabSize, Utf8Guard utf8, TokenPrefixTree tree)
    {
        _sampler = sampler;
        _vocab = vocab;
        _vocabSize = vocabSize;
        _utf8 = utf8;
        _tree = tree;
    }

    /// <summary>Picks where the unconstrained choice was refused (for the bench's profile).</summary>
    public int Rejections { get; private set; }

    /// <summary>Refused picks the 64-token shortlist did not settle, so the prefix tree was walked.</summary>
    public int TreeWalks { get; private set; }

    /// <summary>Tokens the grammar checked on those walks, probes included (a full pass checks the whole vocabulary).</summary>
    public long TreeChecks { get; private set; }

    /// <exception cref="LlamaException">llama.cpp did not accept the grammar text.</exception>
    public static GrammarGuide Create(IntPtr vocab, int vocabSize, Utf8Guard utf8, TokenPrefixTree tree, GrammarConstraint grammar)
    {
        var text = Utf8(grammar.Gbnf);
        var root = Utf8(grammar.Root);
        LlamaSamplerHandle sampler;
        fixed (byte* textPtr = text)
        fixed (byte* rootPtr = root)
        {
            sampler = grammar.IsLazy ? CreateLazy(vocab, textPtr, rootPtr, grammar) : LlamaNative.llama_sampler_init_grammar(vocab, textPtr, rootPtr);
        }
        if (sampler.IsInvalid)
        {
            sampler.Dispose();
            throw new LlamaException("llama.cpp rejected the grammar (see the llama.cpp log for the parse error).");
        }
        return new GrammarGuide(sampler, vocab, vocabSize, utf8, tree) { _lazy = grammar.IsLazy };
    }

    private static LlamaSamplerHandle CreateLazy(IntPtr vocab, byte* text, byte* root, GrammarConstraint grammar)
    {
        var patterns = grammar.LazyTriggerPatterns.Select(Utf8).ToArray();
        var handles = patterns.Select(p => GCHandle.Alloc(p, GCHandleType.Pinned)).ToArray();
        try
        {
            var pointers = stackalloc byte*[Math.Max(patterns.Length, 1)];
            for (var i = 0; i < patterns.Length; i++)
            {
                pointers[i] = (byte*)handles[i].AddrOfPinnedObject();
            }
            var tokens = grammar.LazyTriggerTokens.ToArray();
            fixed (int* tokenPtr = tokens)
            {
                return LlamaNative.llama_sampler_init_grammar_lazy_patterns(
                    vocab, text, root, pointers, (nuint)patterns.Length, tokenPtr, (nuint)tokens.Length);
            }
        }
        finally
        {
            foreach (var handle in handles)
            {
                handle.Free();
            }
        }
    }

    /// <summary>True when the grammar allows <paramref name="token"/> next (end-of-generation only once the grammar is complete).</summary>
    public bool Allows(int token)
    {
        if (!Utf8Ok(token))
        {
            return false;
        }
        var one = new LlamaTokenData { id = token, logit = 0f };
        var array = new LlamaTokenDataArray { data = &one, size = 1, selected = -1 };
        LlamaNative.llama_sampler_apply(_sampler, &array);
        return !float.IsNegativeInfinity(one.logit);
    }

    /// <summary>Greedy under the grammar: <paramref name="best"/> if allowed, else the most likely allowed token.</summary>
    public int PickGreedy(ReadOnlySpan<float> logits, int best)
    {
        if (Allows(best))
        {
            return best;
        }
        Rejections++;
        return TreeArgmax(logits);
    }

    /// <summary>The same choice by llama.cpp over the whole vocabulary: the reference for tests and the bench.</summary>
    internal int PickGreedyFullScan(ReadOnlySpan<float> logits, int best)
    {
        if (Allows(best))
        {
            return best;
        }
        return ShortlistPick(logits) ?? FullVocabularyArgmax(logits);
    }

    /// <summary>The most likely allowed token among the 64 most likely ones, if any is allowed.</summary>
    private int? ShortlistPick(ReadOnlySpan<float> logits)
    {
        var count = TopCandidates(logits, _shortlist);
        fixed (LlamaTokenData* data = _shortlist)
        {
            var array = new LlamaTokenDataArray { data = data, size = (nuint)count, selected = -1, sorted = true };
            LlamaNative.llama_sampler_apply(_sampler, &array);
            for (var i = 0; i < count; i++)
            {
                if (!float.IsNegativeInfinity(data[i].logit) && Utf8Ok(data[i].id))
                {
                    return data[i].id;
                }
            }
        }
        return null;
    }

    /// <summary>The most likely allowed token among the tree's candidates (ties: the lower id, as greedy).</summary>
    private int TreeArgmax(ReadOnlySpan<float> logits)
    {
        var all = _all ??= new LlamaTokenData[_vocabSize];
        fixed (LlamaTokenData* data = all)
        {
            var count = FillCandidates(data, logits);
            var array = new LlamaTokenDataArray { data = data, size = (nuint)count, selected = -1 };
            LlamaNative.llama_sampler_apply(_sampler, &array);
            var best = -1;
            for (var i = 0; i < count; i++)
            {
                var logit = data[i].logit;
                if (float.IsNegativeInfinity(logit) || (best >= 0 && (logit < data[best].logit || (logit == data[best].logit && data[i].id > data[best].id))))
                {
                    continue;
                }
                if (Utf8Ok(data[i].id))
                {
                    best = i;
                }
            }
            return best >= 0 ? data[best].id : throw new LlamaException("The grammar allows no token here.");
        }
    }

    /// <summary>
    /// Writes every token the grammar may allow next, with its logit, and returns how many: the tokens under the
    /// prefixes it allows, found one tree level at a time with one llama.cpp call per level for all probes.
    /// </summary>
    private int FillCandidates(LlamaTokenData* data, ReadOnlySpan<float> logits)
    {
        TreeWalks++;
        var nodes = _tree.Nodes;
        var order = _tree.Order;
        var frontier = _frontier ??= new int[nodes.Length];
        var next = _nextFrontier ??= new int[nodes.Length];
        var probes = _probes ??= new LlamaTokenData[nodes.Length];
        var count = 0;
        foreach (var token in _tree.Always)
        {
            data[count++] = new LlamaTokenData { id = token, logit = logits[token] };
        }
        var width = 1;
        frontier[0] = 0;
        while (width > 0)
        {
            var probeCount = 0;
            for (var i = 0; i < width; i++)
            {
                if (nodes[frontier[i]].Probe >= 0)
                {
                    probes[probeCount++] = new LlamaTokenData { id = nodes[frontier[i]].Probe };
                }
            }
            if (probeCount > 0)
            {
                fixed (LlamaTokenData* probeData = probes)
                {
                    var array = new LlamaTokenDataArray { data = probeData, size = (nuint)probeCount, selected = -1 };
                    LlamaNative.llama_sampler_apply(_sampler, &array);
                }
                TreeChecks += probeCount;
            }
            var probed = 0;
            var nextWidth = 0;
            for (var i = 0; i < width; i++)
            {
                var node = nodes[frontier[i]];
                if (node.Probe >= 0 && float.IsNegativeInfinity(probes[probed++].logit))
                {
                    continue; // the prefix is refused, and with it every token that starts with it
                }
                var end = node.FirstChild < 0 ? node.End : node.Start + node.Own;
                for (var k = node.Start; k < end; k++)
                {
                    data[count++] = new LlamaTokenData { id = order[k], logit = logits[order[k]] };
                }
                for (var c = 0; c < node.ChildCount; c++)
                {
                    next[nextWidth++] = node.FirstChild + c;
                }
            }
            (frontier, next) = (next, frontier);
            width = nextWidth;
        }
        TreeChecks += count;
        return count;
    }

    /// <summary>
    /// Sampling under the grammar: the chain picks from all logits; if the grammar refuses that token, the chain
    /// picks again from the grammar-filtered vocabulary. The chain accepts only the final token.
    /// </summary>
    public int Sample(LlamaSamplerHandle chain, ReadOnlySpan<float> logits)
    {
        var all = _all ??= new LlamaTokenData[_vocabSize];
        fixed (LlamaTokenData* data = all)
        {
            var array = Fill(data, logits);
            LlamaNative.llama_sampler_apply(chain, &array);
            var token = data[array.selected].id;
            if (!Allows(token))
            {
                Rejections++;
                // Only the tokens the grammar may allow: the rest would be -inf, which no sampler can pick.
                array = new LlamaTokenDataArray { data = data, size = (nuint)FillCandidates(data, logits), selected = -1 };
                LlamaNative.llama_sampler_apply(_sampler, &array);
                RemoveInvalidUtf8(data, (int)array.size);
                LlamaNative.llama_sampler_apply(chain, &array);
                if (array.selected < 0 || float.IsNegativeInfinity(data[array.selected].logit))
                {
                    throw new LlamaException("The grammar allows no token here.");
                }
                token = data[array.selected].id;
            }
            LlamaNative.llama_sampler_accept(chain, token);
            return token;
        }
    }

    /// <summary>Moves the grammar past an emitted token. Never called with end-of-generation (llama.cpp aborts on an incomplete one).</summary>
    public void Accept(int token)
    {
        _utf8.Accept(ref _utf8State, token);
        LlamaNative.llama_sampler_accept(_sampler, token);
    }

    internal bool IsEndOfGeneration(int token) => LlamaNative.llama_vocab_is_eog(_vocab, token);

    private bool Utf8Ok(int token) => _utf8.Allows(_utf8State, token, LlamaNative.llama_vocab_is_eog(_vocab, token), _lazy);

    private void RemoveInvalidUtf8(LlamaTokenData* data, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (!float.IsNegativeInfinity(data[i].logit) && !Utf8Ok(data[i].id))
            {
                data[i].logit = float.NegativeInfinity;
            }
        }
    }

    public void Dispose() => _sampler.Dispose();

    internal int FullVocabularyArgmax(ReadOnlySpan<float> logits)
    {
        var all = _all ??= new LlamaTokenData[_vocabSize];
        fixed (LlamaTokenData* data = all)
        {
            var array = Fill(data, logits);
            LlamaNative.llama_sampler_apply(_sampler, &array);
            RemoveInvalidUtf8(data, (int)array.size);
            var best = -1;
            for (var i = 0; i < (int)array.size; i++)
            {
                if (!float.IsNegativeInfinity(data[i].logit) && (best < 0 || data[i].logit > data[best].logit))
                {
                    best = i;
                }
            }
            return best >= 0 ? data[best].id : throw new LlamaException("The grammar allows no token here.");
        }
    }

    private LlamaTokenDataArray Fill(LlamaTokenData* data, ReadOnlySpan<float> logits)
    {
        for (var i = 0; i < _vocabSize; i++)
        {
            data[i] = new LlamaTokenData { id = i, logit = logits[i] };
        }
        return new LlamaTokenDataArray { data = data, size = (nuint)_vocabSize, selected = -1 };
    }

    /// <summary>The most likely tokens, best first (ties: lower id first, as greedy), by insertion into a short sorted list.</summary>
    private static int TopCandidates(ReadOnlySpan<float> logits, LlamaTokenData[] top)
    {
        var count = 0;
        for (var id = 0; id < logits.Length; id++)
        {
            var logit = logits[id];
            if (count == top.Length && !(logit > top[count - 1].logit))
            {
                continue;
            }
            var at = count == top.Length ? count - 1 : count++;
            while (at > 0 && logit > top[at - 1].logit)
            {
                top[at] = top[at - 1];
                at--;
            }
            top[at] = new LlamaTokenData { id = id, logit = logit };
        }
        return count;
    }

    private static byte[] Utf8(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
