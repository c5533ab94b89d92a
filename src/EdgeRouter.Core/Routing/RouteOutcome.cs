using System.Threading.Channels;
using EdgeRouter.Core.Inference;

namespace EdgeRouter.Core.Routing;

/// <summary>
/// One routed request, for tests and diagnostics. <see cref="Admission"/> is exactly what
/// <see cref="IInferenceService.StartAsync"/> returns (Started with the run's trace and raw stream, Failed, or
/// UnknownModel); the other members unpack it.
/// </summary>
public sealed record RouteOutcome
{
    public required Admission Admission { get; init; }

    public required RouteTrace Trace { get; init; }

    /// <summary>Set exactly when no tier served.</summary>
    public RouteFailure? Failure { get; init; }

    /// <summary>Same as <see cref="InferenceRun.RawOpenAiStream"/> of the started run.</summary>
    public ChannelReader<ReadOnlyMemory<byte>>? RawOpenAiStream => Run?.RawOpenAiStream;

    public InferenceRun? Run => (Admission as Admission.Started)?.Run;
}
