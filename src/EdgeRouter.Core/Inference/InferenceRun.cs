using System.Threading.Channels;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Core.Inference;

/// <summary>
/// A generation in progress. Text arrives on <see cref="Text"/>; the channel completes when the generation ends
/// and faults with the generation's exception if it failed. Disposing cancels it and waits until its slot is free.
/// </summary>
public sealed class InferenceRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancellation;

    public InferenceRun(string tier, ModelInfo model, ChannelReader<string> text, Task<GenerationResult> completion,
        CancellationTokenSource cancellation)
        : this(tier, model, text, completion, cancellation, null, null)
    {
    }

    /// <param name="trace">How the request was routed; null means it started directly on <paramref name="tier"/>.</param>
    /// <param name="rawOpenAiStream">The upstream's SSE frames, byte for byte, for runs served by an OpenAI-compatible upstream.</param>
    public InferenceRun(string tier, ModelInfo model, ChannelReader<string> text, Task<GenerationResult> completion,
        CancellationTokenSource cancellation, RouteTrace? trace, ChannelReader<ReadOnlyMemory<byte>>? rawOpenAiStream)
    {
        Tier = tier;
        Model = model;
        Text = text;
        Completion = completion;
        _cancellation = cancellation;
        Trace = trace ?? RouteTrace.Direct(tier);
        RawOpenAiStream = rawOpenAiStream;
    }

    /// <summary>Which tier serves this run ("local", or an upstream's name).</summary>
    public string Tier { get; }

    public ModelInfo Model { get; }

    public ChannelReader<string> Text { get; }

    /// <summary>
    /// Set when log-probabilities were asked for and the tier computes them (the local tier): exactly one item per
    /// <see cref="Text"/> piece, written before that piece, holding the tokens behind it (possibly none).
    /// </summary>
    public ChannelReader<IReadOnlyList<TokenLogprobs>>? Logprobs { get; init; }

    public Task<GenerationResult> Completion { get; }

    /// <summary>How the request was routed, for the X-EdgeRouter-* headers (<see cref="RouteHeaders.Apply"/>).</summary>
    public RouteTrace Trace { get; }

    public IReadOnlyList<TierAttempt> Attempts => Trace.Attempts;

    /// <summary>
    /// For runs served by an OpenAI-compatible upstream: its SSE frames exactly as received, from the first held-back
    /// frame to <c>[DONE]</c> or to an explicit error event. The OpenAI chat surface copies these to a streaming client
    /// instead of re-encoding <see cref="Text"/> (both carry the same answer; read one, the other is dropped with the
    /// run). Null for local runs.
    /// </summary>
    public ChannelReader<ReadOnlyMemory<byte>>? RawOpenAiStream { get; }

    /// <summary>
    /// The same generation with its routing attached (a router wraps the run a tier started). Ownership moves to the
    /// returned run: dispose that one only.
    /// </summary>
    public InferenceRun WithRouting(RouteTrace trace, ChannelReader<ReadOnlyMemory<byte>>? rawOpenAiStream = null) =>
        new(Tier, Model, Text, Completion, _cancellation, trace, rawOpenAiStream ?? RawOpenAiStream) { Logprobs = Logprobs };

    public void Cancel()
    {
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished and cleaned up: nothing left to cancel.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cancel();
        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch
        {
            // The failure was already reported through Text/Completion to whoever was listening.
        }
        _cancellation.Dispose();
    }
}
