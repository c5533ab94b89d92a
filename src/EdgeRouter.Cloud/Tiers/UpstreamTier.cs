using System.Threading.Channels;
using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Failback;
using EdgeRouter.Cloud.Failures;
using EdgeRouter.Cloud.Limits;
using EdgeRouter.Cloud.Upstreams;
using EdgeRouter.Core.Embeddings;
using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Routing;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Cloud.Tiers;

/// <summary>
/// One upstream as a tier: its client, its limits, its breaker, and the cooldown of its failure domain. Applies the
/// action of each failure class (cooldown, credential disable, breaker accounting) so the router only decides where to go next.
/// Its <see cref="Failback"/> decides when it takes real traffic again after going down (probes, not the clock).
/// </summary>
internal sealed class UpstreamTier : ITier, IDisposable, IProbeTarget
{
    private readonly UpstreamClient _client;
    private readonly CooldownStore _cooldowns;
    private readonly FailbackConfig _failback;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public UpstreamTier(UpstreamClient client, CooldownStore cooldowns, UpstreamBreaker breaker, UpstreamLimiter limiter,
        FailbackConfig failback, HealthEvents events, TimeProvider time, ILogger logger)
    {
        _client = client;
        _cooldowns = cooldowns;
        _failback = failback;
        Breaker = breaker;
        Limiter = limiter;
        _logger = logger;
        _time = time;
        Model = new ModelInfo
        {
            Name = client.Config.Model,
            Path = client.Config.BaseUrl.GetLeftPart(UriPartial.Path),
            Architecture = "openai-compatible",
            FileBytes = 0,
            ParameterCount = 0,
            Quantization = "unknown",
            ContextLength = client.Config.ContextWindow,
            TrainContextLength = client.Config.ContextWindow,
            LoadedAt = time.GetUtcNow(),
            LoadDuration = TimeSpan.Zero,
        };
        Failback = new TierFailback(this, cooldowns, failback, time, events, logger);
    }

    public string Name => _client.Name;

    public UpstreamConfig Config => _client.Config;

    public string Domain => Config.EffectiveFailureDomain;

    public bool OnBoard => false;

    public bool Paid => Config.Paid;

    public int ContextWindow => Config.ContextWindow;

    ModelInfo? ITier.Model => Model;

    public ModelInfo Model { get; }

    public UpstreamBreaker Breaker { get; }

    public UpstreamLimiter Limiter { get; }

    public TierFailback Failback { get; }

    public bool RoutesEmbeddings => Config.Api == UpstreamApi.Embeddings;

    public int? CountPromptTokens(GenerationRequest request) => null;

    /// <summary>Why this upstream cannot take a request of about <paramref name="tokens"/> tokens now, or null if it can.</summary>
    public TierAttempt? Unavailable(int tokens)
    {
        if (_cooldowns.Active(Domain) is { } cooldown)
        {
            var reason = cooldown.Kind == CooldownKind.CredentialDisabled ? "credential-disabled" : "cooling";
            return new TierAttempt(Name, AttemptOutcome.Skipped, reason)
            {
                // A disabled key is not "cooling": it must not turn into a 503 that looks like a rate limit.
                Weight = cooldown.Kind == CooldownKind.CredentialDisabled ? AttemptWeight.Hard : AttemptWeight.Temporary,
                Class = cooldown.Kind == CooldownKind.CredentialDisabled ? FailureClass.Credential : FailureClass.Throttle,
                RetryAfter = _cooldowns.TimeRemaining(cooldown),
                Message = cooldown.Reason,
            };
        }
        if (Breaker.Peek() is { Admits: false } breaker)
        {
            return new TierAttempt(Name, AttemptOutcome.Skipped, "breaker-open")
            {
                Weight = AttemptWeight.Temporary,
                Class = FailureClass.Outage,
                RetryAfter = breaker.RetryAfter,
            };
        }
        if (Failback.Snapshot() is { State: not FailbackState.InService } failback)
        {
            // Its rest is over but probes have not brought it back yet.
            var hard = failback.Cause == FailureClass.Credential;
            return new TierAttempt(Name, AttemptOutcome.Skipped, failback.Label)
            {
                Weight = hard ? AttemptWeight.Hard : AttemptWeight.Temporary,
                Class = failback.Cause ?? FailureClass.Outage,
                RetryAfter = Failback.ExpectedReturn(),
            };
        }
        if (Limiter.Peek(tokens) is { } refusal)
        {
            return LimitSkip(refusal);
        }
        return null;
    }

    /// <summary>
    /// A failback probe on this tier's own client (base URL, model, key) and limiter, so it spends the same budget
    /// as real traffic and cannot hear "healthy" from a route real traffic never takes.
    /// </summary>
    public async Task<ProbeOutcome> ProbeAsync(CancellationToken cancellationToken)
    {
        var kind = Config.Probe ?? _failback.Probe;
        // A request probe's prompt is a few tokens; its completion is capped by ProbeMaxTokens.
        var tokens = kind == ProbeKind.Models ? 1 : _failback.ProbeMaxTokens + 8;
        using var permit = Limiter.TryAcquire(tokens, out var refusal);
        if (permit is null)
        {
            return new ProbeOutcome(null, refusal);
        }
        var failure = await _client.ProbeAsync(kind, _failback.ProbeMaxTokens, _failback.ProbeTimeout, cancellationToken).ConfigureAwait(false);
        permit.Answered(failure is null);
        return failure is null ? ProbeOutcome.Succeeded : new ProbeOutcome(failure, null);
    }

    /// <summary>
    /// Takes the limits' permits, sends through the breaker and reads to the first token. On commit the returned run
    /// owns the stream; its completion releases the in-flight slot.
    /// </summary>
    public async ValueTask<TierStart> StartAsync(TierCall call, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var (request, promptTokens, budgetTokens) = (call.Request, call.PromptTokens, call.BudgetTokens);
        var firstTokenBudget = Config.Timeouts.FirstToken < call.Remaining ? Config.Timeouts.FirstToken : call.Remaining;
        if (Admit(budgetTokens, out var permit) is { } skip)
        {
            return new TierStart.Skipped(skip);
        }

        var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        StreamOpenResult? opened = null;
        bool admitted;
        try
        {
            admitted = await Breaker.TryExecuteAsync(
                async (state, _) =>
                {
                    opened = await _client.OpenStreamAsync(state.request, state.firstTokenBudget, state.token).ConfigureAwait(false);
                    return opened is StreamOpenResult.Failed { Failure.Class: FailureClass.Outage };
                },
                (request, firstTokenBudget, token: run.Token),
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            permit.Dispose();
            run.Dispose();
            throw;
        }

        // The first answer is in: a cold failure domain lets its next sends out (good) or stays cold (a 429, an outage).
        permit.Answered(opened is StreamOpenResult.Committed);
        if (!admitted || opened is null)
        {
            permit.Dispose();
            run.Dispose();
            return new TierStart.Skipped(BreakerOpen());
        }

        if (opened is StreamOpenResult.Failed failed)
        {
            permit.Dispose();
            run.Dispose();
            ApplyFailure(failed.Failure);
            return new TierStart.Failed(failed.Failure, FailedAttempt(failed.Failure, _time.GetElapsedTime(started)));
        }

        var stream = ((StreamOpenResult.Committed)opened).Stream;
        var text = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var raw = Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var completion = PumpAsync(stream, text.Writer, raw.Writer, promptTokens, permit, run.Token);
        return new TierStart.Started(new InferenceRun(Name, Model, text.Reader, completion, run), raw.Reader);
    }

    /// <summary>
    /// One <c>embeddings</c> call through the same limits, breaker and failure-domain cooldown as chat traffic: the
    /// answer is whole, so there is no commit point and a failure leaves nothing sent to the client.
    /// </summary>
    public async ValueTask<TierEmbedding> EmbedAsync(EmbeddingRequest request, int tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = _time.GetTimestamp();
        if (Admit(tokens, out var permit) is { } skip)
        {
            return new TierEmbedding(null, skip, null);
        }
        using (permit)
        {
            UpstreamEmbeddingResult? answer = null;
            var admitted = await Breaker.TryExecuteAsync(
                async (state, token) =>
                {
                    answer = await _client.EmbedAsync(state, token).ConfigureAwait(false);
                    return answer.Failure?.Class == FailureClass.Outage;
                },
                request.Inputs, cancellationToken).ConfigureAwait(false);
            permit.Answered(answer?.Result is not null);
            if (!admitted || answer is null)
            {
                return new TierEmbedding(null, BreakerOpen(), null);
            }
            if (answer.Failure is { } failure)
            {
                ApplyFailure(failure);
                return new TierEmbedding(null, FailedAttempt(failure, _time.GetElapsedTime(started)), failure);
            }
            return new TierEmbedding(answer.Result is { } result ? new EmbeddingOutcome.Embedded(Model, result) : null, new TierAttempt(Name, AttemptOutcome.Served, "served")
            {
                Elapsed = _time.GetElapsedTime(started),
            }, null);
        }
    }

    /// <summary>Why nothing may be sent now (cooling, breaker, failback, rate budget), or null with the permit taken.</summary>
    private TierAttempt? Admit(int tokens, out UpstreamPermit permit)
    {
        permit = null!;
        if (Unavailable(tokens) is { } skip)
        {
            return skip;
        }
        if (Limiter.TryAcquire(tokens, out var refusal) is not { } acquired)
        {
            return LimitSkip(refusal);
        }
        permit = acquired;
        return null;
    }

    private TierAttempt BreakerOpen()
    {
        var peek = Breaker.Peek();
        return new TierAttempt(Name, AttemptOutcome.Skipped, "breaker-open")
        {
            Weight = AttemptWeight.Temporary,
            Class = FailureClass.Outage,
            RetryAfter = peek.RetryAfter > TimeSpan.Zero ? peek.RetryAfter : TimeSpan.FromSeconds(1),
        };
    }

    private async Task<GenerationResult> PumpAsync(UpstreamStream stream, ChannelWriter<string> text,
        ChannelWriter<ReadOnlyMemory<byte>> raw, int promptTokens, UpstreamPermit permit, CancellationToken token)
    {
        try
        {
            // Yield first so the caller gets its run (and its headers out) before the pump starts copying.
            await Task.Yield();
            return await stream.PumpAsync(text, raw, promptTokens, OnStreamBroke, token).ConfigureAwait(false);
        }
        finally
        {
            permit.Dispose();
        }
    }

    private void OnStreamBroke(TierFailure failure)
    {
        CloudLog.StreamBroke(_logger, Name, failure.Reason);
        if (failure.Class == FailureClass.Outage)
        {
            Breaker.RecordOutage();
        }
        else
        {
            ApplyFailure(failure);
        }
    }

    /// <summary>The class's action: a throttle cools the whole failure domain, a rejected key disables it.</summary>
    public void ApplyFailure(TierFailure failure)
    {
        CloudLog.AttemptFailed(_logger, Name, failure.Class.ToString(), failure.Reason, failure.Message);
        switch (failure.Class)
        {
            case FailureClass.Throttle:
                var cooldown = _cooldowns.Impose(Domain, CooldownKind.Throttle, failure.RetryAfter, $"{Name}: {failure.Reason}");
                CloudLog.CooldownImposed(_logger, Domain, _cooldowns.TimeRemaining(cooldown).TotalSeconds, failure.Reason);
                break;
            case FailureClass.Credential:
                var disabled = _cooldowns.Impose(Domain, CooldownKind.CredentialDisabled, null, $"{Name}: {failure.Reason}");
                CloudLog.CredentialDisabled(_logger, Domain, Name, failure.StatusCode ?? 0, _cooldowns.TimeRemaining(disabled).TotalSeconds);
                break;
        }
    }

    private TierAttempt FailedAttempt(TierFailure failure, TimeSpan elapsed) =>
        new(Name, AttemptOutcome.Failed, failure.Reason)
        {
            Weight = failure.Class switch
            {
                FailureClass.Throttle => AttemptWeight.Temporary,
                FailureClass.ContextOverflow => AttemptWeight.Policy,
                _ => AttemptWeight.Hard,
            },
            Class = failure.Class,
            StatusCode = failure.StatusCode,
            RetryAfter = failure.Class == FailureClass.Throttle ? _cooldowns.Remaining(Domain) : null,
            Message = failure.Message,
            Elapsed = elapsed,
            Failure = failure,
        };

    private TierAttempt LimitSkip(LimitRefusal refusal) =>
        new(Name, AttemptOutcome.Skipped, refusal.Reason)
        {
            Weight = AttemptWeight.Temporary,
            Class = FailureClass.Throttle,
            RetryAfter = refusal.RetryAfter,
        };

    public void Dispose()
    {
        Failback.Dispose();
        Limiter.Dispose();
    }
}
