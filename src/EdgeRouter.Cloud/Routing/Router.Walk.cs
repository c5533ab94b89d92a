using System.Threading.Channels;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Failures;
using EdgeRouter.Cloud.Limits;
using EdgeRouter.Inference;
using EdgeRouter.Routing;

namespace EdgeRouter.Cloud.Routing;

public sealed partial class Router
{
    private static readonly TimeSpan HotRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Routes one request and starts it on the first tier that can serve it.
    /// <code>
    /// model ─► route ─► chain (local moved last when Warm)
    ///   for each tier, at most once, while the deadline lasts:
    ///     too small for the prompt?        skip (the last resort: reject, or truncate oldest turns)
    ///     local: Hot → skip; busy and a later upstream is free → skip now, queue locally at the end if all else fails
    ///     upstream: background on a paid tier, cooling, breaker open, out of rate budget → skip (nothing sent)
    ///               a send after a failed send needs the retry budget (+ jittered backoff after an outage)
    ///               send → first token → serve | throttle/outage/credential → next tier
    ///                                           request error → back to the client unchanged
    ///                                           context overflow → next tier with a bigger window
    /// </code>
    /// Throws <see cref="OperationCanceledException"/> only when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async ValueTask<RouteOutcome> RouteAsync(string requestedModel, GenerationRequest request, CancellationToken cancellationToken)
    {
        if (ResolveRoute(requestedModel) is not { } route)
        {
            var trace = new RouteTrace { Route = requestedModel, Attempts = [] };
            return new RouteOutcome
            {
                Admission = new Admission.UnknownModel(requestedModel, [.. Routes.Names, .. _local.ListModels().Select(m => m.Name)]),
                Trace = trace,
                Failure = new RouteFailure(404, "model_not_found", $"'{requestedModel}' is not a route, an upstream or the local model."),
            };
        }

        RetryBudget.RecordRequest();
        var prompt = _estimator.Estimate(request);
        var budget = prompt + (request.Sampling.MaxTokens ?? _config.AssumedCompletionTokens);
        var walk = new RouteWalk(route, request, prompt, budget, _time, _config.RequestDeadline);
        var tiers = PinnedOr(route, Order(route.Tiers, _pressure.Current));

        for (var i = 0; i < tiers.Count && walk.Passthrough is null; i++)
        {
            if (await TryTierAsync(walk, tiers, i, cancellationToken).ConfigureAwait(false) is { } served)
            {
                return served;
            }
        }

        if (walk.DeferredLocal is { } index && walk.Passthrough is null && walk.Remaining > TimeSpan.Zero)
        {
            // Every upstream we spilled toward failed after all: wait in the local queue (bounded by the gate).
            var (run, attempt) = await StartLocalAsync(walk.Request, queue: true, cancellationToken).ConfigureAwait(false);
            walk.Attempts[index] = attempt;
            if (run is not null)
            {
                return Served(walk, CloudDefaults.LocalTier, run, null);
            }
        }

        var failure = RouteVerdict.Build(walk, LargestContext(route));
        var failedTrace = walk.Trace(null);
        CloudLog.RouteFailed(_logger, route.Name, failure.StatusCode, failedTrace.FallbackSummary);
        return new RouteOutcome { Admission = RouteVerdict.ToAdmission(failure, failedTrace), Trace = failedTrace, Failure = failure };
    }

    private async ValueTask<RouteOutcome?> TryTierAsync(RouteWalk walk, IReadOnlyList<string> tiers, int index, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var tier = tiers[index];
        var isLocal = tier == CloudDefaults.LocalTier;
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
        if (isLocal && _local.Model is null)
        {
            var loading = _local.Readiness.State == ReadinessState.Loading;
            walk.Record(Skip(tier, loading ? "loading" : "local-failed", loading ? AttemptWeight.Temporary : AttemptWeight.Hard,
                loading ? TimeSpan.FromSeconds(2) : null) with { Message = _local.Readiness.Reason });
            return null;
        }

        var window = ContextWindow(tier);
        if (walk.OverflowedAt is { } overflowed && window <= overflowed)
        {
            walk.Record(Skip(tier, "too-small", AttemptWeight.Policy));
            return null;
        }
        var request = walk.Request;
        if (ContextFitter.Required(walk.PromptTokens, request, isLocal) > window)
        {
            var lastResort = index == tiers.Count - 1;
            if (lastResort && walk.Route.Config.OnContextOverflow == ContextOverflowPolicy.TruncateOldest
                && ContextFitter.TryTruncate(request, _estimator, window, isLocal, out var truncated, out var dropped))
            {
                request = truncated;
                walk.Context = ContextAction.Truncated;
                walk.DroppedMessages = dropped;
            }
            else
            {
                walk.Record(Skip(tier, "too-small", AttemptWeight.Policy));
                return null;
            }
        }

        return isLocal
            ? await TryLocalAsync(walk, tiers, index, request, cancellationToken).ConfigureAwait(false)
            : await TryUpstreamAsync(walk, _upstreams[tier], request, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<RouteOutcome?> TryLocalAsync(RouteWalk walk, IReadOnlyList<string> tiers, int index,
        GenerationRequest request, CancellationToken cancellationToken)
    {
        if (_pressure.Current == LocalPressure.Hot)
        {
            walk.Record(Skip(CloudDefaults.LocalTier, "hot", AttemptWeight.Temporary, HotRetryAfter));
            return null;
        }
        // With somewhere to spill to, take the slot only if it is free this instant; otherwise use the bounded queue.
        var maySpill = AnyUpstreamCouldServe(walk, tiers, index + 1);
        var (run, attempt) = await StartLocalAsync(request, queue: !maySpill, cancellationToken).ConfigureAwait(false);
        if (maySpill && attempt is { Outcome: AttemptOutcome.Skipped, Reason: "busy" })
        {
            // Busy, not down: spill now, and come back to the local queue only if every upstream fails.
            walk.DeferredLocal = walk.Attempts.Count;
            walk.Record(attempt);
            return null;
        }
        walk.Record(attempt);
        if (attempt.Class == FailureClass.ContextOverflow)
        {
            walk.OverflowedAt = Math.Max(walk.OverflowedAt ?? 0, ContextWindow(CloudDefaults.LocalTier));
        }
        else if (attempt.Outcome == AttemptOutcome.Failed)
        {
            walk.FailedSends++;
        }
        return run is null ? null : Served(walk, CloudDefaults.LocalTier, run, null);
    }

    private async ValueTask<RouteOutcome?> TryUpstreamAsync(RouteWalk walk, UpstreamTier upstream, GenerationRequest request,
        CancellationToken cancellationToken)
    {
        if (walk.Request.Priority == RequestPriority.Background && upstream.Config.Paid && !walk.Route.Config.AllowBackground)
        {
            walk.Record(Skip(upstream.Name, "background", AttemptWeight.Policy));
            return null;
        }
        if (upstream.Unavailable(walk.BudgetTokens) is { } unavailable)
        {
            walk.Record(unavailable);
            return null;
        }
        if (walk.FailedSends > 0)
        {
            if (!RetryBudget.TryWithdraw())
            {
                CloudLog.RetryBudgetExhausted(_logger, walk.Route.Name);
                walk.StopReason = "retry-budget";
                walk.Record(Skip(upstream.Name, "retry-budget", AttemptWeight.Policy));
                return null;
            }
            if (walk.LastFailure?.Class == FailureClass.Outage
                && Backoff.Delay(_config.Backoff, walk.Retries, _random) is var delay && delay > TimeSpan.Zero)
            {
                await Task.Delay(delay < walk.Remaining ? delay : walk.Remaining, _time, cancellationToken).ConfigureAwait(false);
            }
            walk.Retries++;
        }

        var started = _time.GetTimestamp();
        var firstToken = upstream.Config.Timeouts.FirstToken < walk.Remaining ? upstream.Config.Timeouts.FirstToken : walk.Remaining;
        var result = await upstream.StartAsync(request, walk.PromptTokens, walk.BudgetTokens, firstToken, cancellationToken).ConfigureAwait(false);
        switch (result)
        {
            case UpstreamStart.Started s:
                walk.Record(new AttemptRecord(upstream.Name, AttemptOutcome.Served, "served") { Elapsed = _time.GetElapsedTime(started) });
                return Served(walk, upstream.Name, s.Run, s.Raw);
            case UpstreamStart.Skipped s:
                walk.Record(s.Attempt);
                return null;
        }

        var failure = ((UpstreamStart.Failed)result).Failure;
        if (failure.Class == FailureClass.ClientCancelled)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        walk.Record(Failed(upstream, failure, _time.GetElapsedTime(started)));
        switch (failure.Class)
        {
            case FailureClass.ContextOverflow:
                walk.OverflowedAt = Math.Max(walk.OverflowedAt ?? 0, upstream.Config.ContextWindow);
                walk.ContextFailure = failure;
                break;
            case FailureClass.Request:
            case FailureClass.ContentPolicy when !walk.Route.Config.FallbackOnContentPolicy:
                walk.Passthrough = failure;
                break;
            default:
                walk.FailedSends++;
                walk.LastFailure = failure;
                break;
        }
        return null;
    }

    /// <summary>Whether any later upstream could take the request now (policy, size, health and rate budget).</summary>
    private bool AnyUpstreamCouldServe(RouteWalk walk, IReadOnlyList<string> tiers, int from)
    {
        for (var i = from; i < tiers.Count; i++)
        {
            if (!_upstreams.TryGetValue(tiers[i], out var upstream))
            {
                continue;
            }
            var allowed = walk.Request.Priority != RequestPriority.Background || !upstream.Config.Paid || walk.Route.Config.AllowBackground;
            if (allowed
                && ContextFitter.Required(walk.PromptTokens, walk.Request, isLocal: false) <= upstream.Config.ContextWindow
                && upstream.Unavailable(walk.BudgetTokens) is null)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Starts on the local tier (bounded queue) and waits for its first token, so a prompt the local context cannot
    /// hold still fails over to a bigger tier instead of reaching the client as an error.
    /// </summary>
    private async ValueTask<(InferenceRun? Run, AttemptRecord Attempt)> StartLocalAsync(GenerationRequest request, bool queue,
        CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        const string tier = CloudDefaults.LocalTier;
        var admission = queue
            ? await _local.StartAsync(request, cancellationToken).ConfigureAwait(false)
            : await _local.TryStartNowAsync(request, cancellationToken).ConfigureAwait(false);
        switch (admission)
        {
            case Admission.Started { Run: var run }:
                try
                {
                    await run.Text.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (PromptTooLongException ex)
                {
                    await run.DisposeAsync().ConfigureAwait(false);
                    return (null, new AttemptRecord(tier, AttemptOutcome.Failed, "context-overflow")
                    {
                        Weight = AttemptWeight.Policy, Class = FailureClass.ContextOverflow, Message = ex.Message,
                        Elapsed = _time.GetElapsedTime(started),
                    });
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    await run.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    await run.DisposeAsync().ConfigureAwait(false);
                    return (null, new AttemptRecord(tier, AttemptOutcome.Failed, "local-error")
                    {
                        Class = FailureClass.Outage, Message = ex.Message, Elapsed = _time.GetElapsedTime(started),
                    });
                }
                return (run, new AttemptRecord(tier, AttemptOutcome.Served, "served") { Elapsed = _time.GetElapsedTime(started) });
            case Admission.Busy busy:
                return (null, Skip(tier, "busy", AttemptWeight.Temporary, busy.RetryAfter) with { Message = busy.Reason });
            case Admission.Unavailable unavailable:
                return (null, Skip(tier, "not-ready", AttemptWeight.Temporary, unavailable.RetryAfter) with { Message = unavailable.Reason });
            case Admission.PromptTooLong tooLong:
                return (null, new AttemptRecord(tier, AttemptOutcome.Failed, "context-overflow")
                {
                    Weight = AttemptWeight.Policy, Class = FailureClass.ContextOverflow,
                    Message = $"{tooLong.PromptTokens} prompt tokens, context {tooLong.ContextLength}",
                });
            default:
                return (null, Skip(tier, "not-ready", AttemptWeight.Hard) with { Message = admission.ToString() });
        }
    }

    private RouteOutcome Served(RouteWalk walk, string tier, InferenceRun run, ChannelReader<ReadOnlyMemory<byte>>? raw)
    {
        var trace = walk.Trace(tier);
        CloudLog.RouteServed(_logger, walk.Route.Name, tier, trace.SentAttempts, trace.FallbackSummary);
        return new RouteOutcome { Admission = new Admission.Started(run.WithRouting(trace, raw)), Trace = trace };
    }

    private static IReadOnlyList<string> Order(IReadOnlyList<string> tiers, LocalPressure pressure)
    {
        if (pressure != LocalPressure.Warm || tiers.Count < 2 || !tiers.Contains(CloudDefaults.LocalTier))
        {
            return tiers;
        }
        // Warm: prefer upstreams, keep local as the last resort.
        return [.. tiers.Where(t => t != CloudDefaults.LocalTier), CloudDefaults.LocalTier];
    }

    private static AttemptRecord Skip(string tier, string reason, AttemptWeight weight, TimeSpan? retryAfter = null) =>
        new(tier, AttemptOutcome.Skipped, reason) { Weight = weight, RetryAfter = retryAfter };

    private AttemptRecord Failed(UpstreamTier upstream, UpstreamFailure failure, TimeSpan elapsed) =>
        new(upstream.Name, AttemptOutcome.Failed, failure.Reason)
        {
            Weight = failure.Class switch
            {
                FailureClass.Throttle => AttemptWeight.Temporary,
                FailureClass.ContextOverflow => AttemptWeight.Policy,
                _ => AttemptWeight.Hard,
            },
            Class = failure.Class,
            StatusCode = failure.StatusCode,
            RetryAfter = failure.Class == FailureClass.Throttle ? Cooldowns.Remaining(upstream.Domain) : null,
            Message = failure.Message,
            Elapsed = elapsed,
            Failure = failure,
        };
}
