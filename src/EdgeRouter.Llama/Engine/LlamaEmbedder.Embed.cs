using EdgeRouter.Core.Embeddings;
using EdgeRouter.Core.Inference;
using EdgeRouter.Llama.Native;

namespace EdgeRouter.Llama.Engine;

public sealed partial class LlamaEmbedder
{
    /// <remarks>
    /// Inputs are packed into one batch as separate sequences (positions from 0 each) until the next one would not
    /// fit n_batch tokens or <see cref="MaxSequences"/> sequences; each pack is one llama_decode (or llama_encode),
    /// and llama.cpp pools every sequence on its own.
    /// </remarks>
    public EmbeddingResult Embed(EmbeddingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var started = _time.GetTimestamp();
        var inputs = new int[request.Inputs.Count][];
        var total = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = Tokens(request.Inputs[i], request.Truncate);
            total += inputs[i].Length;
        }

        var vectors = new float[inputs.Length][];
        var first = 0;
        while (first < inputs.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = 0;
            var tokens = 0;
            while (first + count < inputs.Length && count < MaxSequences && tokens + inputs[first + count].Length <= Window)
            {
                tokens += inputs[first + count].Length;
                count++;
            }

            Run(inputs, first, count, vectors);
            first += count;
        }

        return new EmbeddingResult(vectors, total, _time.GetElapsedTime(started));
    }

    private int[] Tokens(EmbeddingInput input, bool truncate)
    {
        int[] tokens;
        if (input.Tokens is { } given)
        {
            foreach (var id in given)
            {
                if (id < 0 || id >= _vocabSize)
                {
                    throw new InvalidEmbeddingInputException($"Token id {id} is outside this model's vocabulary of {_vocabSize} tokens.");
                }
            }

            tokens = [.. given];
        }
        else
        {
            var count = Tokenizer.Tokenize(_vocab, System.Text.Encoding.UTF8.GetBytes(input.Text!), ref _tokens);
            tokens = _tokens.AsSpan(0, count).ToArray();
        }

        if (tokens.Length == 0)
        {
            throw new InvalidEmbeddingInputException("An input is empty; every input needs at least one token.");
        }

        if (tokens.Length <= Window)
        {
            return tokens;
        }

        return truncate ? tokens[..Window] : throw new PromptTooLongException(tokens.Length, Window);
    }

    private unsafe void Run(int[][] inputs, int first, int count, float[][] vectors)
    {
        ref var batch = ref _batch.Value;
        var n = 0;
        for (var s = 0; s < count; s++)
        {
            var input = inputs[first + s];
            for (var p = 0; p < input.Length; p++, n++)
            {
                batch.token[n] = input[p];
                batch.pos[n] = p;
                batch.n_seq_id[n] = 1;
                batch.seq_id[n][0] = s;
                batch.logits[n] = 1;
            }
        }

        batch.n_tokens = n;
        if (_memory != IntPtr.Zero)
        {
            // Every pack starts each sequence at position 0, so nothing from the last pack may stay.
            LlamaNative.llama_memory_clear(_memory, data: true);
        }

        var status = _useEncode ? LlamaNative.llama_encode(_context, batch) : LlamaNative.llama_decode(_context, batch);
        if (status != LlamaDecodeStatus.Ok)
        {
            throw new LlamaException($"llama.cpp failed to embed {count} inputs ({n} tokens) with status {(int)status}.");
        }

        for (var s = 0; s < count; s++)
        {
            var pooled = LlamaNative.llama_get_embeddings_seq(_context, s);
            if (pooled == null)
            {
                throw new LlamaException($"llama.cpp returned no pooled embedding for sequence {s}.");
            }

            vectors[first + s] = EmbeddingVector.Normalize(new ReadOnlySpan<float>(pooled, Dimensions));
        }
    }
}
