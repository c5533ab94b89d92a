using System.Text;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Core.Embeddings;
using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Cloud.Routing;

public sealed partial class Router : IEmbeddingService
{
    ModelInfo? IEmbeddingService.Model => _embeddings?.Model;

    bool IEmbeddingService.IsSeparateModel => _embeddings?.IsSeparateModel ?? false;

    /// <summary>
    /// Embeds on the board, or along a route whose chain names embedding upstreams (<see cref="UpstreamApi.Embeddings"/>):
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
        if (Routes.Resolve(requestedModel) is not { } route || !route.Tiers.Any(IsEmbeddingUpstream))
        {
            return _embeddings is null
                ? new EmbeddingOutcome.Refused(new Admission.Unavailable(TimeSpan.FromSeconds(30), "no model on this board serves embeddings"))
                : await _embeddings.EmbedAsync(requestedModel, request, cancellationToken).ConfigureAwait(false);
        }

        RetryBudget.RecordRequest();
        var walk = RouteWalk.ForEmbeddings(route, EstimateTokens(request), _time, _config.RequestDeadline);
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
            if (tier.OnBoard)
            {
                if (await EmbedOnBoardAsync(walk, request, cancellationToken).ConfigureAwait(false) is { } embedded)
                {
                    return embedded;
                }
                continue;
            }
            if (walk.FailedSends > 0 && !await SpendRetryAsync(walk, tier, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }
            var attempt = await _upstreams[tier.Name].EmbedAsync(request.Inputs, walk.BudgetTokens, cancellationToken).ConfigureAwait(false);
            if (attempt.Result is { } result)
            {
                walk.Record(attempt.Attempt);
                var served = walk.Trace(tier.Name);
                CloudLog.RouteServed(_logger, route.Name, tier.Name, served.SentAttempts, served.FallbackSummary);
                return new EmbeddingOutcome.Embedded(_upstreams[tier.Name].Model, result);
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
        var trace = walk.Trace(null);
        CloudLog.RouteFailed(_logger, route.Name, verdict.StatusCode, trace.FallbackSummary);
        return new EmbeddingOutcome.Refused(RouteVerdict.ToAdmission(verdict, trace));
    }

    /// <summary>The board's embeddings as a tier of the walk: vectors, or a recorded refusal to move on from.</summary>
    private async ValueTask<EmbeddingOutcome?> EmbedOnBoardAsync(RouteWalk walk, EmbeddingRequest request, CancellationToken cancellationToken)
    {
        if (_embeddings?.Model is not { } model)
        {
            walk.Record(Skip(_tiers[CloudDefaults.LocalTier], "no-embedding-model", AttemptWeight.Policy));
            return null;
        }
        var outcome = await _embeddings.EmbedAsync(model.Name, request, cancellationToken).ConfigureAwait(false);
        if (outcome is not EmbeddingOutcome.Refused { Reason: var refusal })
        {
            walk.Record(new AttemptRecord(CloudDefaults.LocalTier, AttemptOutcome.Served, "served"));
            return outcome;
        }
        walk.Record(refusal switch
        {
            Admission.Busy busy => new AttemptRecord(CloudDefaults.LocalTier, AttemptOutcome.Skipped, "busy")
            {
                Weight = AttemptWeight.Temporary, RetryAfter = busy.RetryAfter, Message = busy.Reason, Refusal = refusal,
            },
            Admission.Unavailable unavailable => new AttemptRecord(CloudDefaults.LocalTier, AttemptOutcome.Skipped, "not-ready")
            {
                Weight = AttemptWeight.Temporary, RetryAfter = unavailable.RetryAfter, Message = unavailable.Reason, Refusal = refusal,
            },
            Admission.PromptTooLong => new AttemptRecord(CloudDefaults.LocalTier, AttemptOutcome.Skipped, "too-small")
            {
                Weight = AttemptWeight.Policy, Refusal = refusal,
            },
            _ => new AttemptRecord(CloudDefaults.LocalTier, AttemptOutcome.Skipped, "not-ready") { Refusal = refusal },
        });
        return null;
    }

    private bool IsEmbeddingUpstream(string tier) =>
        _upstreams.TryGetValue(tier, out var upstream) && upstream.Config.Api == UpstreamApi.Embeddings;

    /// <summary>The same bytes/4 rule as prompts, for the upstream's token budget; token inputs count as they are.</summary>
    private static int EstimateTokens(EmbeddingRequest request) =>
        Math.Max(1, request.Inputs.Sum(i => i.Tokens?.Count ?? (Encoding.UTF8.GetByteCount(i.Text!) + 3) / 4));
}
