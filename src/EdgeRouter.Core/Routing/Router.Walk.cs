using EdgeRouter.Core.Inference;

namespace EdgeRouter.Core.Routing;

public sealed partial class Router
{
    /// <summary>
    /// Routes one request and starts it on the first tier that can serve it.
    /// <code>
    /// model ─► route ─► chain (ChainOrder: a pin, or on-board tiers moved last when Warm)
    ///   for each tier, at most once, while the deadline lasts:
    ///     too small for the prompt?        skip (the last resort: reject, or truncate oldest turns)
    ///     unavailable (loading, hot, cooling, breaker open, out of rate budget)? skip (nothing sent)
    ///     on the board and busy while a later tier is free → skip now, queue there at the end if all else fails
    ///     background work on a paid tier → skip
    ///     a remote send after a failed send needs the retry budget (+ jittered backoff after an outage)
    ///     send → first token → serve | throttle/outage/credential → next tier
    ///                                  request error → back to the client unchanged
    ///                                  context overflow → next tier with a bigger window
    /// </code>
    /// A chain of one tier answers with that tier's own refusal (busy, not ready, prompt too long), exactly as the tier
    /// would alone. Throws <see cref="OperationCanceledException"/> only when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async ValueTask<RouteOutcome> RouteAsync(string requestedModel, GenerationRequest request, CancellationToken cancellationToken)
    {
        if (ResolveRoute(requestedModel) is not { } route)
        {
            var trace = new RouteTrace { Route = requestedModel, Attempts = [] };
            return new RouteOutcome
            {
                Admission = new Admission.UnknownModel(requestedModel, KnownNames()),
                Trace = trace,
                Failure = new RouteFailure(404, "model_not_found", $"'{requestedModel}' is not a route, an upstream or the local model."),
            };
        }

        RetryBudget.RecordRequest();
        var prompt = _estimator.Estimate(request);
        var budget = prompt + (request.Sampling.MaxTokens ?? _options.AssumedCompletionTokens);
        var walk = new RouteWalk(route, request, prompt, budget, _time, _options.RequestDeadline);
        var tiers = _chains.Plan(route, _local.Advice());

        for (var i = 0; i < tiers.Count && walk.Passthrough is null; i++)
        {
            if (await TryTierAsync(walk, tiers, i, cancellationToken).ConfigureAwait(false) is { } served)
            {
                return served;
            }
        }

        if (walk.Deferred is { } deferred && walk.Passthrough is null && walk.Remaining > TimeSpan.Zero)
        {
            // Every tier we spilled toward failed after all: wait in the deferred tier's queue (bounded by its gate).
            var start = await deferred.Tier.StartAsync(Call(walk, walk.Request, queue: true, failOver: true), cancellationToken)
                .ConfigureAwait(false);
            if (start is TierStart.Started started)
            {
                walk.Attempts[deferred.Index] = new TierAttempt(deferred.Tier.Name, AttemptOutcome.Served, "served");
                return Served(walk, deferred.Tier, started);
            }
            walk.Attempts[deferred.Index] = AttemptOf(start);
        }

        if (tiers.Count == 1 && walk.Attempts is [{ Refusal: { } refusal }])
        {
            return new RouteOutcome { Admission = refusal, Trace = walk.Trace(null) };
        }
        var failure = RouteVerdict.Build(walk, LargestContext(route), name => _tiers[name].ContextWindow);
        var failedTrace = walk.Trace(null);
        RoutingLog.RouteFailed(_logger, route.Name, failure.StatusCode, failedTrace.FallbackSummary);
        return new RouteOutcome { Admission = RouteVerdict.ToAdmission(failure, failedTrace), Trace = failedTrace, Failure = failure };
    }

    private async ValueTask<RouteOutcome?> TryTierAsync(RouteWalk walk, IReadOnlyList<ITier> tiers, int index, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var tier = tiers[index];
        if (walk.StopReason is { } stopped)
        {
            walk.Record(Skip(tier, stopped, AttemptWeight.Policy));
            return null;
        }
        if (walk.Remaining <= TimeSpan.Zero)
        {
            walk.StopReason = "deadline";
            walk.Record(Skip(tier, "deadline", AttemptWeight.Policy));
            return null;
        }
        if (tier.OnBoard && tier.Model is null && tier.Unavailable(walk.BudgetTokens) is { } notLoaded)
        {
            // Before the size check: an on-board tier without a model has no window to compare against.
            walk.Record(notLoaded);
            return null;
        }
        if (walk.OverflowedAt is { } overflowed && tier.ContextWindow <= overflowed)
        {
            walk.Record(Skip(tier, "too-small", AttemptWeight.Policy));
            return null;
        }
        if (Fit(walk, tier, lastResort: index == tiers.Count - 1, out var counted) is not { } request)
        {
            walk.Record(Skip(tier, "too-small", AttemptWeight.Policy) with
            {
                // The tier's own context error when it counted exactly, as it would answer alone.
                Refusal = counted is { } tokens ? new Admission.PromptTooLong(tokens, tier.ContextWindow) : null,
            });
            return null;
        }
        if (walk.Request.Priority == RequestPriority.Background && tier.Paid && !walk.Route.Config.AllowBackground)
        {
            walk.Record(Skip(tier, "background", AttemptWeight.Policy));
            return null;
        }
        if (tier.Unavailable(walk.BudgetTokens) is { } unavailable)
        {
            walk.Record(unavailable);
            return null;
        }
        if (!tier.OnBoard && walk.FailedSends > 0 && !await SpendRetryAsync(walk, tier, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        // On the board with somewhere to spill to: take the slot only if it is free this instant.
        var maySpill = tier.OnBoard && AnyRemoteCouldServe(walk, tiers, index + 1);
        var sentAt = _time.GetTimestamp();
        var start = await tier.StartAsync(Call(walk, request, queue: !maySpill, failOver: tiers.Count > 1), cancellationToken).ConfigureAwait(false);
        switch (start)
        {
            case TierStart.Started started:
                walk.Record(new TierAttempt(tier.Name, AttemptOutcome.Served, "served") { Elapsed = _time.GetElapsedTime(sentAt) });
                return Served(walk, tier, started);
            case TierStart.Skipped skipped:
                if (maySpill && skipped.Attempt.Reason == "busy")
                {
                    // Busy, not down: spill now, and come back to this queue only if every later tier fails.
                    walk.Deferred = (walk.Attempts.Count, tier);
                }
                walk.Record(skipped.Attempt);
                return null;
            case TierStart.Failed failed:
                RecordFailure(walk, tier, failed, cancellationToken);
                return null;
            default:
                throw new InvalidOperationException($"unexpected start {start}");
        }
    }

    /// <summary>
    /// The request as it fits <paramref name="tier"/> (truncated on the last resort when the route allows), or null. A tier
    /// that counts exactly (the board's tokenizer through its chat template) is measured with its own count.
    /// </summary>
    private GenerationRequest? Fit(RouteWalk walk, ITier tier, bool lastResort, out int? counted)
    {
        var request = walk.Request;
        var exact = tier.CountPromptTokens(request);
        var whole = exact ?? _estimator.Estimate(request);
        // Truncation starts from the whole conversation: reuse its count rather than tokenizing a long prompt twice.
        int Count(GenerationRequest r) => ReferenceEquals(r, request) ? whole : tier.CountPromptTokens(r) ?? _estimator.Estimate(r);
        counted = exact;
        if (ContextFitter.Required(whole, request, tier.OnBoard) <= tier.ContextWindow)
        {
            return request;
        }
        if (lastResort && walk.Route.Config.OnContextOverflow == ContextOverflowPolicy.TruncateOldest
            && ContextFitter.TryTruncate(request, Count, tier.ContextWindow, tier.OnBoard, out var truncated, out var dropped))
        {
            walk.Context = ContextAction.Truncated;
            walk.DroppedMessages = dropped;
            return truncated;
        }
        return null;
    }

    /// <summary>A remote send after a failed send is a retry: it needs the retry budget, and backs off after an outage.</summary>
    private async ValueTask<bool> SpendRetryAsync(RouteWalk walk, ITier tier, CancellationToken cancellationToken)
    {
        if (!RetryBudget.TryWithdraw())
        {
            RoutingLog.RetryBudgetExhausted(_logger, walk.Route.Name);
            walk.StopReason = "retry-budget";
            walk.Record(Skip(tier, "retry-budget", AttemptWeight.Policy));
            return false;
        }
        if (walk.LastFailure?.Class == FailureClass.Outage
            && Backoff.Delay(_options.Backoff, walk.Retries, _jitter) is var delay && delay > TimeSpan.Zero)
        {
            await Task.Delay(delay < walk.Remaining ? delay : walk.Remaining, _time, cancellationToken).ConfigureAwait(false);
        }
        walk.Retries++;
        return true;
    }

    private static void RecordFailure(RouteWalk walk, ITier tier, TierStart.Failed failed, CancellationToken cancellationToken)
    {
        var failure = failed.Failure;
        if (failure.Class == FailureClass.ClientCancelled)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        walk.Record(failed.Attempt);
        switch (failure.Class)
        {
            case FailureClass.ContextOverflow:
                walk.OverflowedAt = Math.Max(walk.OverflowedAt ?? 0, tier.ContextWindow);
                // Only a remote tier's own error body can be passed through to the client.
                walk.ContextFailure = tier.OnBoard ? walk.ContextFailure : failure;
                break;
            case FailureClass.Request:
            case FailureClass.ContentPolicy when !walk.Route.Config.FallbackOnContentPolicy:
                walk.Passthrough = failure;
                break;
            default:
                walk.FailedSends++;
                // Backoff protects a remote provider from retries after its own outage, not after a board failure.
                walk.LastFailure = tier.OnBoard ? walk.LastFailure : failure;
                break;
        }
    }

    /// <summary>Whether any later remote tier could take the request now (policy, size, health and rate budget).</summary>
    private static bool AnyRemoteCouldServe(RouteWalk walk, IReadOnlyList<ITier> tiers, int from)
    {
        for (var i = from; i < tiers.Count; i++)
        {
            var tier = tiers[i];
            if (tier.OnBoard)
            {
                continue;
            }
            var allowed = walk.Request.Priority != RequestPriority.Background || !tier.Paid || walk.Route.Config.AllowBackground;
            if (allowed
                && ContextFitter.Required(walk.PromptTokens, walk.Request, isLocal: false) <= tier.ContextWindow
                && tier.Unavailable(walk.BudgetTokens) is null)
            {
                return true;
            }
        }
        return false;
    }

    private static TierCall Call(RouteWalk walk, GenerationRequest request, bool queue, bool failOver) =>
        new(request, walk.PromptTokens, walk.BudgetTokens, walk.Remaining, queue, failOver);

    private RouteOutcome Served(RouteWalk walk, ITier tier, TierStart.Started started)
    {
        var trace = walk.Trace(tier.Name);
        RoutingLog.RouteServed(_logger, walk.Route.Name, tier.Name, trace.SentAttempts, trace.FallbackSummary);
        return new RouteOutcome { Admission = new Admission.Started(started.Run.WithRouting(trace, started.Raw)), Trace = trace };
    }

    private static TierAttempt AttemptOf(TierStart start) => start switch
    {
        TierStart.Skipped skipped => skipped.Attempt,
        TierStart.Failed failed => failed.Attempt,
        _ => throw new InvalidOperationException($"unexpected start {start}"),
    };

    private static TierAttempt Skip(ITier tier, string reason, AttemptWeight weight) =>
        new(tier.Name, AttemptOutcome.Skipped, reason) { Weight = weight };
}
