using System.Threading.Channels;
using EdgeRouter.Inference;

namespace EdgeRouter.Cloud.Routing;

/// <summary>
/// Everything the API surface needs from one routed request. <see cref="Admission"/> is the Core-shaped answer
/// (Started / Busy / Unavailable / UnknownModel / PromptTooLong) that <see cref="IInferenceService.StartAsync"/>
/// returns; <see cref="Failure"/> carries the exact status, body and Retry-After when no tier served (including
/// upstream request errors, which Core's Admission cannot express yet); <see cref="Trace"/> feeds the headers.
/// </summary>
public sealed record RouteOutcome
{
    public required Admission Admission { get; init; }

    public required RouteTrace Trace { get; init; }

    /// <summary>Set exactly when no tier served.</summary>
    public RouteFailure? Failure { get; init; }

    /// <summary>
    /// For runs served by an upstream: the upstream's SSE frames, byte for byte, from the first held-back frame to
    /// <c>[DONE]</c> (or to an explicit error event). The OpenAI chat surface copies these to a streaming client
    /// instead of re-encoding <see cref="InferenceRun.Text"/>. Null for local runs.
    /// </summary>
    public ChannelReader<ReadOnlyMemory<byte>>? RawOpenAiStream { get; init; }

    public InferenceRun? Run => (Admission as Admission.Started)?.Run;
}
