using System.Diagnostics;
using EdgeRouter.Core.Inference;
using EdgeRouter.Llama.Native;
using EdgeRouter.Llama.Runtime;

namespace EdgeRouter.Llama.Engine;

public sealed partial class LlamaEngine
{
    /// <remarks>
    /// <code>
    /// render → tokenize → keep common KV prefix → decode rest in n_batch chunks ─┐
    ///   ┌────────────────────────────────────────────────────────────────────────┘
    ///   └→ sample → EOG? → piece → UTF-8 decoder → stop filter → sink → decode token → (loop)
    /// </code>
    /// Cancellation sets a native flag that llama.cpp polls per graph node, so a long prompt decode stops within
    /// one node; the loop also checks it between tokens. Whatever happens, the KV memory is left equal to
    /// the mirror of cached tokens, so the next request can reuse its prefix.
    /// </remarks>
    public GenerationResult Generate(GenerationRequest request, ITokenSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sink);
        Enter();
        try
        {
            var promptCount = Tokenizer.Tokenize(_vocab, _renderer.Render(request), ref _promptTokens);
            // num_ctx narrows the window per request; it never widens the context the model was loaded with.
            var window = Math.Min(_contextLength, request.Sampling.ContextLimit is > 0 and var limit ? limit : int.MaxValue);
            if (promptCount >= window)
            {
                throw new PromptTooLongException(promptCount, window);
            }

            if (promptCount == 0)
            {
                throw new ArgumentException("The prompt is empty after tokenization.", nameof(request));
            }

            _abort.Reset();
            if (cancellationToken.IsCancellationRequested || Volatile.Read(ref _disposed) != 0)
            {
                return new GenerationResult(FinishReason.Cancelled, promptCount, 0, TimeSpan.Zero, TimeSpan.Zero);
            }

            using var registration = cancellationToken.UnsafeRegister(static state => ((AbortFlag)state!).Set(), _abort);
            // Plain greedy needs no llama.cpp sampler: GreedyPick reads the logits in place.
            using var sampler = SamplerChain.NeedsChain(request.Sampling)
                ? SamplerChain.Create(request.Sampling, _vocabSize, _contextLength)
                : null;
            GrammarGuide? grammar = null;
            LlamaLogForwarder.SetCancellableWork(_abort);
            try
            {
                var constraint = request.Grammar ?? ForcedToolCall.GrammarFor(request, _renderer.ToolSyntax);
                grammar = constraint is null ? null : CreateGrammarGuide(constraint);
                // With tools offered, a tool call is held back from the stream and parsed at the end.
                var toolSink = request.HasTools ? new ToolCallSink(sink, _renderer.ToolSyntax, request.Tools!, request.ParallelToolCalls) : null;
                _pieces.ShowControls(request.HasTools ? _toolMarkers : []);
                var result = Run(promptCount, window, request, new TokenChooser(this, sampler, grammar), toolSink ?? sink);
                return toolSink?.Complete(result) ?? result;
            }
            catch
            {
                ForgetUnknownTail();
                throw;
            }
            finally
            {
                LlamaLogForwarder.SetCancellableWork(null);
                grammar?.Dispose();
            }
        }
        finally
        {
            _abort.Reset();
            Exit();
        }
    }

    /// <summary>A grammar guide over this engine's vocabulary; the per-vocabulary tables are built on first use.</summary>
    internal GrammarGuide CreateGrammarGuide(GrammarConstraint constraint) => GrammarGuide.Create(
        _vocab,
        _vocabSize,
        _utf8Guard ??= Utf8Guard.Build(_vocab, _vocabSize),
        _prefixTree ??= TokenPrefixTree.Build(_vocab, _vocabSize),
        constraint);

    /// <summary>The vocabulary size (the length of every logits vector).</summary>
    internal int VocabularySize => _vocabSize;

    private GenerationResult Run(int promptCount, int window, GenerationRequest request, TokenChooser chooser, ITokenSink sink)
    {
        var sampling = request.Sampling;
        var started = Stopwatch.GetTimestamp();
        var reused = PrepareMemory(_promptTokens.AsSpan(0, promptCount));
        var promptStatus = DecodePrompt(reused, promptCount);
        var promptDuration = Stopwatch.GetElapsedTime(started);
        if (promptStatus == LlamaDecodeStatus.Aborted)
        {
            ForgetUnknownTail();
            return Finish(FinishReason.Cancelled, promptCount, reused, 0, promptDuration, TimeSpan.Zero);
        }

        var decodeStarted = Stopwatch.GetTimestamp();
        var maxTokens = Math.Min(sampling.MaxTokens ?? int.MaxValue, window - promptCount);
        var (reason, generated) = GenerateTokens(maxTokens, sampling.Stop, request.Logprobs, chooser, sink);
        return Finish(reason, promptCount, reused, generated, promptDuration, Stopwatch.GetElapsedTime(decodeStarted));
    }

    private (FinishReason Reason, int Generated) GenerateTokens(
        int maxTokens, IReadOnlyList<string> stopStrings, int? logprobs, TokenChooser chooser, ITokenSink sink)
    {
        _pieces.Reset();
        _stops.Reset(stopStrings);
        var generated = 0;
        while (true)
        {
            if (_abort.IsSet)
            {
                return (FinishReason.Cancelled, generated);
            }

            if (generated >= maxTokens)
            {
                return (Flush(sink, FinishReason.Length), generated);
            }

            var token = chooser.Next();
            if (LlamaNative.llama_vocab_is_eog(_vocab, token))
            {
                return (Flush(sink, FinishReason.Stop), generated);
            }

            // An unfinished grammar at max_tokens ends as Length with the partial text: the surfaces report
            // finish_reason "length" (Ollama done_reason "length"), so a cut-off JSON is never a clean answer.
            chooser.Accept(token);

            generated++;
            if (logprobs is { } top)
            {
                // The context's logits are still the raw ones: samplers and the grammar work on copies.
                sink.OnLogprobs(_logprobs.Read(LastLogits(), token, top));
            }
            var stopped = _stops.Push(_pieces.Read(token), sink);
            sink.OnProgress(generated);
            if (stopped)
            {
                return (FinishReason.Stop, generated);
            }

            if (generated >= maxTokens)
            {
                // Nobody needs the logits after the last allowed token; skip its decode.
                return (Flush(sink, FinishReason.Length), generated);
            }

            if (DecodeOne(token) == LlamaDecodeStatus.Aborted)
            {
                ForgetUnknownTail();
                return (FinishReason.Cancelled, generated);
            }
        }
    }

    private unsafe ReadOnlySpan<float> LastLogits()
    {
        var logits = LlamaNative.llama_get_logits_ith(_context, -1);
        return logits != null
            ? new ReadOnlySpan<float>(logits, _vocabSize)
            : throw new LlamaException("llama.cpp returned no logits for the last decoded token.");
    }

    /// <summary>Picks each next token: greedy in place, the sampler chain, and the grammar on top of either.</summary>
    private readonly struct TokenChooser(LlamaEngine engine, LlamaSamplerHandle? chain, GrammarGuide? grammar)
    {
        public int Next()
        {
            if (grammar is null)
            {
                return chain is null
                    ? GreedyPick.FirstIndexOfMax(engine.LastLogits())
                    : LlamaNative.llama_sampler_sample(chain, engine._context, -1);
            }
            var logits = engine.LastLogits();
            return chain is null
                ? grammar.PickGreedy(logits, GreedyPick.FirstIndexOfMax(logits))
                : grammar.Sample(chain, logits);
        }

        /// <summary>Called for every emitted token except end-of-generation.</summary>
        public void Accept(int token) => grammar?.Accept(token);
    }

    private FinishReason Flush(ITokenSink sink, FinishReason reason)
    {
        if (!_stops.Push(_pieces.Flush(), sink))
        {
            _stops.Flush(sink);
        }

        return reason;
    }

    private GenerationResult Finish(
        FinishReason reason, int promptCount, int reused, int generated, TimeSpan promptDuration, TimeSpan decodeDuration)
    {
        var result = new GenerationResult(reason, promptCount, generated, promptDuration, decodeDuration);
        LlamaEngineLog.Finished(_logger, reason, promptCount, reused, generated, result.DecodeTokensPerSecond);
        return result;
    }
}
