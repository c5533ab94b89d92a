using System.Runtime.InteropServices;
using System.Text;
using EdgeRouter.Inference;
using EdgeRouter.Llama.Native;

namespace EdgeRouter.Llama.Engine;

/// <summary>
/// One request's llama.cpp grammar sampler, kept out of the sampler chain. llama.cpp's grammar checks candidate
/// tokens one by one, so running it over a 150k vocabulary costs milliseconds per token. Like llama.cpp's common
/// sampler, the token the unconstrained sampler picked is checked alone first (microseconds) and the vocabulary is
/// only filtered when that token is refused; greedy then looks at the 64 most likely tokens before the whole vocabulary.
/// </summary>
internal sealed unsafe class GrammarGuide : IDisposable
{
    private const int GreedyShortlist = 64;

    private readonly IntPtr _sampler;
    private readonly IntPtr _vocab;
    private readonly int _vocabSize;
    private readonly Utf8Guard _utf8;
    private Utf8Guard.State _utf8State;
    private bool _lazy;
    private LlamaTokenData[]? _all;
    private readonly LlamaTokenData[] _shortlist = new LlamaTokenData[GreedyShortlist];

    private GrammarGuide(IntPtr sampler, IntPtr vocab, int vocabSize, Utf8Guard utf8)
    {
        _sampler = sampler;
        _vocab = vocab;
        _vocabSize = vocabSize;
        _utf8 = utf8;
    }

    /// <summary>Checks, rejections and full-vocabulary passes of this request (for the log and the bench).</summary>
    public int Rejections { get; private set; }

    /// <exception cref="LlamaException">llama.cpp did not accept the grammar text.</exception>
    public static GrammarGuide Create(IntPtr vocab, int vocabSize, Utf8Guard utf8, GrammarConstraint grammar)
    {
        var text = Utf8(grammar.Gbnf);
        var root = Utf8(grammar.Root);
        IntPtr sampler;
        fixed (byte* textPtr = text)
        fixed (byte* rootPtr = root)
        {
            sampler = grammar.IsLazy ? CreateLazy(vocab, textPtr, rootPtr, grammar) : LlamaNative.llama_sampler_init_grammar(vocab, textPtr, rootPtr);
        }
        return sampler == IntPtr.Zero
            ? throw new LlamaException("llama.cpp rejected the grammar (see the llama.cpp log for the parse error).")
            : new GrammarGuide(sampler, vocab, vocabSize, utf8) { _lazy = grammar.IsLazy };
    }

    private static IntPtr CreateLazy(IntPtr vocab, byte* text, byte* root, GrammarConstraint grammar)
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
        return FullVocabularyArgmax(logits);
    }

    /// <summary>
    /// Sampling under the grammar: the chain picks from all logits; if the grammar refuses that token, the chain
    /// picks again from the grammar-filtered vocabulary. The chain accepts only the final token.
    /// </summary>
    public int Sample(IntPtr chain, ReadOnlySpan<float> logits)
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
                array = Fill(data, logits);
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

    public void Dispose() => LlamaNative.llama_sampler_free(_sampler);

    private int FullVocabularyArgmax(ReadOnlySpan<float> logits)
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
