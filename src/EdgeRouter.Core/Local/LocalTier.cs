using System.Threading.Channels;
using EdgeRouter.Core.Gate;
using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Core.Local;

/// <summary>
/// The in-process model behind the single-slot gate, as the router's local tier (the router resolves model names). Every admitted generation runs on the inference worker and
/// frees the slot only once the native decode has really stopped, whatever the outcome.
/// </summary>
public sealed class LocalTier : ILocalTier
{
    public const string TierName = "local";

    private readonly LocalModelHost _host;
    private readonly InferenceGate _gate;
    private readonly InferenceWorker _worker;
    private readonly ILocalAdmissionPolicy? _policy;
    private readonly CancellationToken _shutdown;

    /// <param name="policy">Consulted before every admission (thermal shedding); null admits on the gate alone.</param>
    /// <param name="shutdown">
    /// Linked into every run: cancelling it aborts the running generation when a graceful stop runs out of time.
    /// </param>
    public LocalTier(LocalModelHost host, InferenceGate gate, InferenceWorker worker, ILocalAdmissionPolicy? policy = null,
        CancellationToken shutdown = default)
    {
        _host = host;
        _gate = gate;
        _worker = worker;
        _policy = policy;
        _shutdown = shutdown;
    }

    public ReadinessStatus Readiness => _host.Status;

    public ModelInfo? Model => _host.Generator?.Model;

    public bool IsBusy => _gate.Snapshot() is { } s && (s.Running > 0 || s.Queued > 0);

    public TimeSpan EstimateRetryAfter() => _gate.EstimateRetryAfter();

    public IReadOnlyList<ModelInfo> ListModels() => _host.Generator is { } g ? [g.Model] : [];

    public LocalAdvice Advice() => _policy?.Advise() ?? LocalAdvice.Accept;

    public Admission? Shedding() =>
        Advice() is LocalAdvice.Shed shed ? new Admission.Unavailable(shed.RetryAfter, shed.Reason) : null;

    public int? CountPromptTokens(GenerationRequest request) => _host.Generator?.CountPromptTokens(request);

    /// <summary>Starts on the local model, waiting at most the gate's bounded queue.</summary>
    public ValueTask<Admission> StartAsync(GenerationRequest request, CancellationToken cancellationToken) =>
        StartCoreAsync(request, queue: true, cancellationToken);

    /// <summary>Starts only if the slot is free this instant; otherwise Busy at once, nothing queued.</summary>
    public ValueTask<Admission> TryStartNowAsync(GenerationRequest request, CancellationToken cancellationToken) =>
        StartCoreAsync(request, queue: false, cancellationToken);

    private async ValueTask<Admission> StartCoreAsync(GenerationRequest request, bool queue, CancellationToken cancellationToken)
    {
        var status = _host.Status;
        if (_host.Generator is not { } generator)
        {
            return new Admission.Unavailable(TimeSpan.FromSeconds(status.State == ReadinessState.Loading ? 2 : 30), status.Reason);
        }
        // Before the gate, so a shed request never queues behind the slot. PreferUpstream is the router's business:
        // when the local tier is asked anyway, nothing better is available, so the work runs here.
        if (_policy?.Advise() is LocalAdvice.Shed shed)
        {
            return new Admission.Unavailable(shed.RetryAfter, shed.Reason);
        }

        var gate = queue
            ? await _gate.AcquireAsync(request.Sampling.MaxTokens, cancellationToken).ConfigureAwait(false)
            : _gate.TryAcquireNow(request.Sampling.MaxTokens);
        if (gate.Lease is not { } lease)
        {
            return new Admission.Busy(gate.RetryAfter, gate.Reason ?? "busy");
        }

        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown);
        var text = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var logprobs = request.Logprobs is null
            ? null
            : Channel.CreateUnbounded<IReadOnlyList<TokenLogprobs>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var token = cancellation.Token;
        Task<GenerationResult> completion;
        try
        {
            completion = _worker.Run(() => RunHoldingSlot(generator, request, new ChannelTokenSink(text.Writer, lease, logprobs?.Writer), lease, token));
        }
        catch
        {
            lease.Dispose();
            cancellation.Dispose();
            throw;
        }
        return new Admission.Started(new InferenceRun(TierName, generator.Model, text.Reader, completion, cancellation) { Logprobs = logprobs?.Reader });
    }

    private static GenerationResult RunHoldingSlot(ITextGenerator generator, GenerationRequest request,
        ChannelTokenSink sink, GateLease lease, CancellationToken cancellationToken)
    {
        try
        {
            var result = generator.Generate(request, sink, cancellationToken);
            sink.Complete();
            return request.Logprobs is null ? result : result with { Logprobs = sink.Sent };
        }
        catch (Exception ex)
        {
            sink.Complete(ex);
            throw;
        }
        finally
        {
            lease.Dispose();
        }
    }
}
