using EdgeRouter.Core.Inference;

namespace EdgeRouter.Core.Routing;

/// <summary>
/// Turns a walk that ended without a serving tier into one answer: a passthrough request error; a context error when
/// some tier was too small for the prompt (even if the larger ones failed or are cooling: the client can shorten its
/// prompt and retry, which an outage error would not tell it); 503 + the soonest Retry-After when every tier is merely
/// cooling or busy; otherwise the primary (first hard-failed) tier's error. A rejected credential is a 502, never
/// something that reads like a rate limit.
/// </summary>
internal static class RouteVerdict
{
    /// <param name="largestContext">The largest window of the route's tiers.</param>
    /// <param name="windowOf">A tier's context window, by name.</param>
    public static RouteFailure Build(RouteWalk walk, int largestContext, Func<string, int> windowOf)
    {
        if (walk.Passthrough is { } passthrough)
        {
            return Passthrough(passthrough, passthrough.Class == FailureClass.ContentPolicy ? "content_policy" : "upstream_request_error");
        }
        if (walk.Attempts.Where(IsTooSmall).Select(a => windowOf(a.Tier)).DefaultIfEmpty(0).Max() is var available and > 0)
        {
            walk.Context = ContextAction.Rejected;
            if (walk.ContextFailure is { StatusCode: not null, Body.IsEmpty: false } upstreamError && available <= walk.OverflowedAt)
            {
                return Passthrough(upstreamError, "context_length_exceeded");
            }
            var larger = walk.Attempts.Where(a => !IsTooSmall(a) && windowOf(a.Tier) > available).ToList();
            return new RouteFailure(400, "context_length_exceeded", larger.Count == 0
                ? $"The prompt is about {walk.PromptTokens} tokens; the largest context window on route '{walk.Route.Name}' is {largestContext} tokens."
                : $"The prompt is about {walk.PromptTokens} tokens; the largest context window available now on route '{walk.Route.Name}' is "
                    + $"{available} tokens (larger tiers: {Summary(larger)}).");
        }

        var summary = Summary(walk.Attempts);
        var hard = walk.Attempts.Where(a => a.Weight == AttemptWeight.Hard).ToList();
        var temporary = walk.Attempts.Where(a => a.Weight == AttemptWeight.Temporary).ToList();
        var soonest = temporary.Where(a => a.RetryAfter is not null).Select(a => a.RetryAfter!.Value).DefaultIfEmpty(TimeSpan.FromSeconds(1)).Min();
        if (soonest < TimeSpan.FromSeconds(1))
        {
            soonest = TimeSpan.FromSeconds(1);
        }

        if (hard.Count == 0 && temporary.Count > 0)
        {
            return new RouteFailure(503, "all_tiers_cooling",
                $"Every tier of route '{walk.Route.Name}' is busy or cooling down; retry after {Math.Ceiling(soonest.TotalSeconds)} s ({summary}).")
            {
                RetryAfter = soonest,
            };
        }

        if (hard.Count == 0)
        {
            if (walk.StopReason == "deadline")
            {
                return new RouteFailure(504, "deadline_exceeded", $"Route '{walk.Route.Name}' found no tier before its deadline ({summary}).");
            }
            return new RouteFailure(503, "no_tier_available", $"No tier of route '{walk.Route.Name}' may serve this request ({summary}).");
        }

        var primary = hard[0];
        if (primary.Class == FailureClass.Credential)
        {
            return new RouteFailure(502, "upstream_credential_rejected",
                $"Upstream '{primary.Tier}' rejected the router's credential ({primary.Reason}); an operator must fix its key ({summary}).");
        }
        var timeout = primary.Reason.StartsWith("timeout", StringComparison.Ordinal);
        return new RouteFailure(timeout ? 504 : 502, timeout ? "upstream_timeout" : "upstream_unavailable",
            $"Tier '{primary.Tier}' failed: {primary.Message ?? primary.Reason} ({summary}).")
        {
            RetryAfter = temporary.Count > 0 ? soonest : null,
        };
    }

    /// <summary>The failure as Core's admission, carrying the status, body, Retry-After and the route headers.</summary>
    public static Admission ToAdmission(RouteFailure failure, RouteTrace trace) =>
        new Admission.Failed(failure.StatusCode, failure.Code, failure.Message, failure.RetryAfter, trace)
        {
            IsPassthrough = failure.IsPassthrough,
            Body = failure.Body,
            ContentType = failure.ContentType,
        };

    private static RouteFailure Passthrough(TierFailure failure, string code) =>
        new(failure.StatusCode ?? 400, code, failure.Message)
        {
            IsPassthrough = true,
            Body = failure.Body,
            ContentType = failure.ContentType,
        };

    private static bool IsTooSmall(TierAttempt attempt) =>
        attempt.Class == FailureClass.ContextOverflow || attempt.Reason == "too-small";

    private static string Summary(IEnumerable<TierAttempt> attempts) =>
        string.Join(", ", attempts.Where(a => a.Outcome != AttemptOutcome.Served).Select(a => a.ToString()));
}
