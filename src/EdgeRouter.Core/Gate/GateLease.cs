using System.Threading.RateLimiting;

namespace EdgeRouter.Core.Gate;

/// <summary>
/// The one local slot. Report progress so waiting callers get a realistic Retry-After; dispose exactly once to free it
/// (extra disposals are ignored, so a cleanup path can never release a slot that another caller holds).
/// </summary>
public sealed class GateLease : IDisposable
{
    private readonly InferenceGate _gate;
    private readonly RateLimitLease _permit;
    private int _disposed;

    internal GateLease(InferenceGate gate, RateLimitLease permit, int budgetTokens, long startedTimestamp)
    {
        _gate = gate;
        _permit = permit;
        BudgetTokens = budgetTokens;
        StartedTimestamp = startedTimestamp;
    }

    /// <summary>Tokens this generation may still produce at most (max_tokens, or an assumption).</summary>
    public int BudgetTokens { get; }

    internal long StartedTimestamp { get; }

    /// <summary>When the first token arrived; null until then (any timestamp value, 0 included, is a valid time).</summary>
    internal long? FirstTokenTimestamp { get; private set; }

    internal int GeneratedTokens => Volatile.Read(ref _generated);

    private int _generated;

    public void ReportProgress(int generatedTokens)
    {
        if (generatedTokens > 0 && FirstTokenTimestamp is null)
        {
            FirstTokenTimestamp = _gate.Time.GetTimestamp();
        }
        Volatile.Write(ref _generated, generatedTokens);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _gate.Release(this);
        _permit.Dispose();
    }
}
