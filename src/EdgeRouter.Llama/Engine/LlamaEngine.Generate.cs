using System.Diagnostics;
using EdgeRouter.Inference;
using EdgeRouter.Llama.Native;
using EdgeRouter.Llama.Runtime;

namespace EdgeRouter.Llama.Engine;

public sealed partial class LlamaEngine
{
    private const int DecodeAborted = 2;

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
            if (promptCount >= _contextLength)
            {
                throw new PromptTooLongException(promptCount, _contextLength);
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
            // Greedy needs no llama.cpp sampler: GreedyPick reads the logits in place.
            var sampler = SamplerChain.IsGreedy(request.Sampling) ? IntPtr.Zero : SamplerChain.Create(request.Sampling);
            LlamaLogForwarder.SetCancellableWork(_abort);
            try
            {
                // With tools offered, a tool call is held back from the stream and parsed at the end.
                var toolSink = request.HasTools ? new ToolCallSink(sink, _renderer.ToolSyntax, request.ParallelToolCalls) : null;
                var result = Run(promptCount, request.Sampling, sampler, toolSink ?? sink);
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
                if (sampler != IntPtr.Zero)
                {
                    LlamaNative.llama_sampler_free(sampler);
                }
            }
        }
        finally
        {
            _abort.Reset();
            Exit();
        }
    }

    private GenerationResult Run(int promptCount, SamplingOptions sampling, IntPtr sampler, ITokenSink sink)
    {
        var started = Stopwatch.GetTimestamp();
        var reused = PrepareMemory(_promptTokens.AsSpan(0, promptCount));
        var promptStatus = DecodePrompt(reused, promptCount);
        var promptDuration = Stopwatch.GetElapsedTime(started);
        if (promptStatus == DecodeAborted)
        {
            ForgetUnknownTail();
            return Finish(FinishReason.Cancelled, promptCount, reused, 0, promptDuration, TimeSpan.Zero);
        }

        var decodeStarted = Stopwatch.GetTimestamp();
        var maxTokens = Math.Min(sampling.MaxTokens ?? int.MaxValue, _contextLength - promptCount);
        var (reason, generated) = GenerateTokens(maxTokens, sampling.Stop, sampler, sink);
        return Finish(reason, promptCount, reused, generated, promptDuration, Stopwatch.GetElapsedTime(decodeStarted));
    }

    private (FinishReason Reason, int Generated) GenerateTokens(
        int maxTokens, IReadOnlyList<string> stopStrings, IntPtr sampler, ITokenSink sink)
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

            var token = sampler == IntPtr.Zero ? PickGreedy() : LlamaNative.llama_sampler_sample(sampler, _context, -1);
            if (LlamaNative.llama_vocab_is_eog(_vocab, token))
            {
                return (Flush(sink, FinishReason.Stop), generated);
            }

            generated++;
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

            if (DecodeOne(token) == DecodeAborted)
            {
                ForgetUnknownTail();
                return (FinishReason.Cancelled, generated);
            }
        }
    }

    private unsafe int PickGreedy()
    {
        var logits = LlamaNative.llama_get_logits_ith(_context, -1);
        return logits != null
            ? GreedyPick.FirstIndexOfMax(new ReadOnlySpan<float>(logits, _vocabSize))
            : throw new LlamaException("llama.cpp returned no logits for the last decoded token.");
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
