using EdgeRouter.Core.Routing;

namespace EdgeRouter.Core.Inference;

/// <summary>The outcome of asking to start a generation. Only <see cref="Started"/> holds resources.</summary>
public abstract record Admission
{
    private Admission() { }

    public sealed record Started(InferenceRun Run) : Admission;

    /// <summary>The slot is taken and the queue is full, or the wait ran out: come back after <paramref name="RetryAfter"/>.</summary>
    public sealed record Busy(TimeSpan RetryAfter, string Reason) : Admission;

    /// <summary>No tier can serve now (model loading or failed to load).</summary>
    public sealed record Unavailable(TimeSpan RetryAfter, string Reason) : Admission;

    public sealed record UnknownModel(string RequestedModel, IReadOnlyList<string> Available) : Admission;

    public sealed record PromptTooLong(int PromptTokens, int ContextLength) : Admission;

    /// <summary>
    /// No tier of the route served. Send <paramref name="StatusCode"/> (and Retry-After when set) with the route
    /// headers of <paramref name="Trace"/>. When <see cref="IsPassthrough"/>, <see cref="Body"/> is the upstream's own
    /// error (a request error, returned unchanged); otherwise the surface writes <paramref name="Message"/> in its shape.
    /// </summary>
    public sealed record Failed(int StatusCode, string Code, string Message, TimeSpan? RetryAfter, RouteTrace Trace) : Admission
    {
        public bool IsPassthrough { get; init; }

        public ReadOnlyMemory<byte> Body { get; init; }

        public string? ContentType { get; init; }
    }
}
