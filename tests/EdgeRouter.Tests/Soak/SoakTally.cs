using System.Collections.Concurrent;

namespace EdgeRouter.Tests.Soak;

/// <summary>Every request the soak sent, with what became of it (workers add concurrently).</summary>
public sealed class SoakTally
{
    private readonly ConcurrentQueue<(SoakPlan Plan, SoakOutcome Outcome)> _results = new();

    public void Add(SoakPlan plan, SoakOutcome outcome) => _results.Enqueue((plan, outcome));

    public int Total => _results.Count;

    public int Count(SoakVerdict verdict) => _results.Count(r => r.Outcome.Verdict == verdict);

    public int Planned(SoakAbort abort) => _results.Count(r => r.Plan.Abort == abort);

    /// <summary>Requests per input (surface · model · stream).</summary>
    public IReadOnlyList<(string Key, int Count)> ByInput() => Group(r => r.Plan.Input);

    /// <summary>Details of one verdict (the tier for answers, the status for errors, the reason for losses).</summary>
    public IReadOnlyList<(string Key, int Count)> Details(SoakVerdict verdict) =>
        Group(r => r.Outcome.Verdict == verdict ? r.Outcome.Detail : null);

    /// <summary>The lost requests themselves, for the failure message.</summary>
    public IReadOnlyList<string> Lost() =>
        [.. _results.Where(r => r.Outcome.Verdict == SoakVerdict.Lost).Select(r => $"{r.Plan.Input} (abort {r.Plan.Abort}): {r.Outcome.Detail}")];

    private List<(string Key, int Count)> Group(Func<(SoakPlan Plan, SoakOutcome Outcome), string?> key) =>
        [.. _results.Select(key).OfType<string>().GroupBy(k => k).Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal)];
}
