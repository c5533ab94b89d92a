using EdgeRouter.Core.Embeddings;
using EdgeRouter.Core.Inference;

namespace EdgeRouter.Core.Routing;

/// <summary>
/// The in-process model as a tier of a chain: not ready while loading, out while the board is hot, and a start that
/// waits for the first token so that a prompt the local context cannot hold still fails over to a bigger tier.
/// Its embeddings are the board's own (<paramref name="embeddings"/>; null when nothing on the board embeds).
/// </summary>
internal sealed class LocalChainTier(ILocalTier local, IEmbeddingService? embeddings, TimeProvider time) : ITier
{
    private static readonly TimeSpan LoadingRetryAfter = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FailedRetryAfter = TimeSpan.FromSeconds(30);

    public string Name => RouteNames.Local;

    public bool OnBoard => true;

    public bool Paid => false;

    public int ContextWindow => local.Model?.ContextLength ?? 0;

    public ModelInfo? Model => local.Model;

    public bool RoutesEmbeddings => false;

    public int? CountPromptTokens(GenerationRequest request)
    {
        try
        {
            return local.CountPromptTokens(request);
        }
        catch (ObjectDisposedException)
        {
            return null; // Shutting down: the start will say so.
        }
        catch (PromptRenderException)
        {
            return null; // The template refuses this conversation: the start answers with the template's own error.
        }
    }

    /// <summary>Out while its model loads or failed to load, and while the board is hot.</summary>
    public TierAttempt? Unavailable(int budgetTokens)
    {
        if (local.Model is not null)
        {
            return local.Shedding() is { } hot ? Hot(hot) : null;
        }
        var readiness = local.Readiness;
        var loading = readiness.State == ReadinessState.Loading;
        return new TierAttempt(Name, AttemptOutcome.Skipped, loading ? "loading" : "local-failed")
        {
            Weight = loading ? AttemptWeight.Temporary : AttemptWeight.Hard,
            RetryAfter = loading ? LoadingRetryAfter : null,
            Message = readiness.Reason,
            Refusal = new Admission.Unavailable(loading ? LoadingRetryAfter : FailedRetryAfter, readiness.Reason),
        };
    }

    public async ValueTask<TierStart> StartAsync(TierCall call, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var admission = call.Queue
            ? await local.StartAsync(call.Request, cancellationToken).ConfigureAwait(false)
            : await local.TryStartNowAsync(call.Request, cancellationToken).ConfigureAwait(false);
        switch (admission)
        {
            case Admission.Started { Run: var run }:
                return call.FailOver
                    ? await FirstTokenAsync(run, started, cancellationToken).ConfigureAwait(false)
                    : new TierStart.Started(run, null);
            case Admission.Busy busy:
                return Skipped("busy", AttemptWeight.Temporary, busy.RetryAfter, busy.Reason, admission);
            case Admission.Unavailable unavailable:
                // The tier's own thermal policy sheds a hot board before its gate; anything else is a model not ready.
                return Skipped(local.Shedding() is not null ? "hot" : "not-ready", AttemptWeight.Temporary,
                    unavailable.RetryAfter, unavailable.Reason, admission);
            case Admission.PromptTooLong tooLong:
                return Overflow($"{tooLong.PromptTokens} prompt tokens, context {tooLong.ContextLength}", TimeSpan.Zero, admission);
            default:
                return Skipped("not-ready", AttemptWeight.Hard, null, admission.ToString(), admission);
        }
    }

    private async ValueTask<TierStart> FirstTokenAsync(InferenceRun run, long started, CancellationToken cancellationToken)
    {
        try
        {
            await run.Text.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PromptTooLongException ex)
        {
            await run.DisposeAsync().ConfigureAwait(false);
            return Overflow(ex.Message, time.GetElapsedTime(started), new Admission.PromptTooLong(ex.PromptTokens, ex.ContextLength));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await run.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await run.DisposeAsync().ConfigureAwait(false);
            var failure = new TierFailure(FailureClass.Outage, "local-error", ex.Message);
            return new TierStart.Failed(failure, new TierAttempt(Name, AttemptOutcome.Failed, "local-error")
            {
                Class = FailureClass.Outage, Message = ex.Message, Elapsed = time.GetElapsedTime(started),
            });
        }
        return new TierStart.Started(run, null);
    }

    /// <summary>Skipped as hot, with the wait and reason the tier's own thermal policy gives when it stands alone.</summary>
    private TierAttempt Hot(Admission shedding)
    {
        var unavailable = shedding as Admission.Unavailable;
        return new TierAttempt(Name, AttemptOutcome.Skipped, "hot")
        {
            Weight = AttemptWeight.Temporary, RetryAfter = unavailable?.RetryAfter, Message = unavailable?.Reason, Refusal = shedding,
        };
    }

    private TierStart.Failed Overflow(string message, TimeSpan elapsed, Admission refusal) =>
        new(new TierFailure(FailureClass.ContextOverflow, "context-overflow", message),
            new TierAttempt(Name, AttemptOutcome.Failed, "context-overflow")
            {
                Weight = AttemptWeight.Policy, Class = FailureClass.ContextOverflow, Message = message, Elapsed = elapsed, Refusal = refusal,
            });

    private TierStart.Skipped Skipped(string reason, AttemptWeight weight, TimeSpan? retryAfter, string message, Admission refusal) =>
        new(new TierAttempt(Name, AttemptOutcome.Skipped, reason)
        {
            Weight = weight, RetryAfter = retryAfter, Message = message, Refusal = refusal,
        });

    /// <summary>The board's embeddings as a tier of the walk: vectors, or a recorded refusal to move on from.</summary>
    public async ValueTask<TierEmbedding> EmbedAsync(EmbeddingRequest request, int tokens, CancellationToken cancellationToken)
    {
        if (embeddings?.Model is not { } model)
        {
            return new TierEmbedding(null, new TierAttempt(Name, AttemptOutcome.Skipped, "no-embedding-model") { Weight = AttemptWeight.Policy }, null);
        }
        var outcome = await embeddings.EmbedAsync(model.Name, request, cancellationToken).ConfigureAwait(false);
        if (outcome is not EmbeddingOutcome.Refused { Reason: var refusal })
        {
            return new TierEmbedding((EmbeddingOutcome.Embedded)outcome, new TierAttempt(Name, AttemptOutcome.Served, "served"), null);
        }
        return new TierEmbedding(null, refusal switch
        {
            Admission.Busy busy => new TierAttempt(Name, AttemptOutcome.Skipped, "busy")
            {
                Weight = AttemptWeight.Temporary, RetryAfter = busy.RetryAfter, Message = busy.Reason, Refusal = refusal,
            },
            Admission.Unavailable unavailable => new TierAttempt(Name, AttemptOutcome.Skipped, "not-ready")
            {
                Weight = AttemptWeight.Temporary, RetryAfter = unavailable.RetryAfter, Message = unavailable.Reason, Refusal = refusal,
            },
            Admission.PromptTooLong => new TierAttempt(Name, AttemptOutcome.Skipped, "too-small")
            {
                Weight = AttemptWeight.Policy, Refusal = refusal,
            },
            _ => new TierAttempt(Name, AttemptOutcome.Skipped, "not-ready") { Refusal = refusal },
        }, null);
    }
}
