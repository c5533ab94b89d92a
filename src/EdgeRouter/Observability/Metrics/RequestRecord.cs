using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Host.Observability.Metrics;

/// <summary>
/// What the API layer learns about one generation request while serving it, read once when the request ends.
/// Lives in <see cref="HttpContext.Features"/>; absent for requests that are not counted.
/// </summary>
internal sealed class RequestRecord(RequestSurface surface, TimeProvider time)
{
    public RequestSurface Surface { get; } = surface;

    /// <summary>When the request's headers had been read (the middleware saw it).</summary>
    public long ArrivedAt { get; } = time.GetTimestamp();

    private long? _admittedAt;

    /// <summary>The model the client asked for, once it was handed to the inference service.</summary>
    public string? RequestedModel { get; private set; }

    public bool UnknownModel { get; private set; }

    public RouteTrace? Trace { get; private set; }

    public InferenceRun? Run { get; private set; }

    /// <summary>Time our own code added before a tier started; see <see cref="RouterMetrics"/> for the definition.</summary>
    public TimeSpan? Overhead { get; private set; }

    public TimeSpan? TimeToFirstText { get; private set; }

    /// <summary>From arrival until a tier accepted the request: body, validation, routing and the gate's queue.</summary>
    public TimeSpan? TimeToAdmission { get; private set; }

    /// <summary>From admission to the first text: the serving tier's own time to its first token.</summary>
    public TimeSpan? TierTimeToFirstText { get; private set; }

    public bool StreamFailed { get; private set; }

    public static RequestRecord? Of(HttpContext context) => context.Features.Get<RequestRecord>();

    /// <summary>The request is being handed to the inference service; returns the timestamp to pass to <see cref="Admitted"/>.</summary>
    public long Dispatching(string model)
    {
        RequestedModel = model;
        return time.GetTimestamp();
    }

    /// <remarks>
    /// The router's trace accounts for each tier's time (queueing and first token included), so everything else in the
    /// admission is routing overhead.
    /// </remarks>
    public void Admitted(Admission admission, long dispatchedAt)
    {
        var admittedAt = time.GetTimestamp();
        switch (admission)
        {
            case Admission.Started started:
                _admittedAt = admittedAt;
                TimeToAdmission = time.GetElapsedTime(ArrivedAt, admittedAt);
                Run = started.Run;
                Trace = started.Run.Trace;
                var routing = time.GetElapsedTime(dispatchedAt, admittedAt)
                    - Trace.Attempts.Aggregate(TimeSpan.Zero, static (sum, a) => sum + a.Elapsed);
                Overhead = time.GetElapsedTime(ArrivedAt, dispatchedAt) + (routing > TimeSpan.Zero ? routing : TimeSpan.Zero);
                break;
            case Admission.Failed failed:
                Trace = failed.Trace;
                break;
            case Admission.UnknownModel:
                UnknownModel = true;
                break;
        }
    }

    /// <summary>The first generated text is ready to send (only the first call counts).</summary>
    public void FirstText()
    {
        if (TimeToFirstText is null)
        {
            var now = time.GetTimestamp();
            TimeToFirstText = time.GetElapsedTime(ArrivedAt, now);
            TierTimeToFirstText = _admittedAt is { } admitted ? time.GetElapsedTime(admitted, now) : null;
        }
    }

    /// <summary>The response had started and ended with an in-band error instead of a clean end.</summary>
    public void EndedWithError() => StreamFailed = true;
}
