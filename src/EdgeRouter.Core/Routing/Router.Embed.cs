using System.Text;
using EdgeRouter.Core.Embeddings;
using EdgeRouter.Core.Inference;

namespace EdgeRouter.Core.Routing;

public sealed partial class Router : IEmbeddingService
{
    ModelInfo? IEmbeddingService.Model => _embeddings?.Model;

    bool IEmbeddingService.IsSeparateModel => _embeddings?.IsSeparateModel ?? false;

    /// <summary>
    /// Embeds on the board, or along a route whose chain names a tier that routes embeddings (<see cref="ITier.RoutesEmbeddings"/>):
    /// <code>
    /// model ─► a route with embedding upstreams? no ─► the board alone (its own model names and refusals)
    ///                                            yes ─► chain (pins, warm board last), each tier at most once:
    ///   local: busy, not ready or input too long → next tier
    ///   upstream: cooling, breaker open, out of rate budget → skip; a send after a failed send needs the retry budget;
    ///             throttle/outage/credential → next tier (cooling the failure domain, as for chat); request error → client
    /// </code>
    /// </summary>
    public async ValueTask<EmbeddingOutcome> EmbedAsync(string requestedModel, EmbeddingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Routes.Resolve(requestedModel) is not { } route || !route.Tiers.Any(t => _tiers[t].RoutesEmbeddings))
        {
            return _embeddings is null
                ? new EmbeddingOutcome.Refused(new Admission.Unavailable(TimeSpan.FromSeconds(30), "no model on this board serves embeddings"))
                : await _embeddings.EmbedAsync(requestedModel, request, cancellationToken).ConfigureAwait(false);
        }

        RetryBudget.RecordRequest();
        var walk = RouteWalk.ForEmbeddings(route, EstimateTokens(request), _time, _options.RequestDeadline);
        var tiers = _chains.Plan(route, _local.Advice());
        foreach (var tier in tiers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (walk.Passthrough is not null || walk.StopReason is not null)
            {
                break;
            }
            if (walk.Remaining <= TimeSpan.Zero)
            {
                walk.StopReason = "deadline";
                break;
            }
            if (!tier.OnBoard && walk.FailedSends > 0 && !await SpendRetryAsync(walk, tier, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }
            var attempt = await tier.EmbedAsync(request, walk.BudgetTokens, cancellationToken).ConfigureAwait(false);
            if (attempt.Served is { } served)
            {
                walk.Record(attempt.Attempt);
                // The board's own embeddings answer as the plain local path does, without a route line.
                if (!tier.OnBoard)
                {
                    var trace = walk.Trace(tier.Name);
                    RoutingLog.RouteServed(_logger, route.Name, tier.Name, trace.SentAttempts, trace.FallbackSummary);
                }
                return served;
            }
            if (attempt.Failure is { } failure)
            {
                RecordFailure(walk, tier, new TierStart.Failed(failure, attempt.Attempt), cancellationToken);
            }
            else
            {
                walk.Record(attempt.Attempt);
            }
        }

        if (tiers.Count == 1 && walk.Attempts is [{ Refusal: { } refusal }])
        {
            return new EmbeddingOutcome.Refused(refusal);
        }
        var verdict = RouteVerdict.Build(walk, _embeddings?.Model?.ContextLength ?? 0, name => _tiers[name].ContextWindow);
        var failed = walk.Trace(null);
        RoutingLog.RouteFailed(_logger, route.Name, verdict.StatusCode, failed.FallbackSummary);
        return new EmbeddingOutcome.Refused(RouteVerdict.ToAdmission(verdict, failed));
    }

    /// <summary>The same bytes/4 rule as prompts, for the upstream's token budget; token inputs count as they are.</summary>
    private static int EstimateTokens(EmbeddingRequest request) =>
        Math.Max(1, request.Inputs.Sum(i => i.Tokens?.Count ?? (Encoding.UTF8.GetByteCount(i.Text!) + 3) / 4));
}
