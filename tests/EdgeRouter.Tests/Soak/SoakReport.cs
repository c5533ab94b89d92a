using System.Globalization;
using System.Text;

namespace EdgeRouter.Tests.Soak;

/// <summary>The final account of one soak run: what was sent, what came back, and the invariants watched throughout.</summary>
public sealed record SoakReport
{
    public required SoakSettings Settings { get; init; }
    public required TimeSpan Elapsed { get; init; }
    public required string Machine { get; init; }
    public required SoakTally Tally { get; init; }
    public required IReadOnlyDictionary<string, int> FaultsPlayed { get; init; }
    public required int UpstreamRequests { get; init; }
    public required GateWatch Gate { get; init; }
    public required int QueueLength { get; init; }
    public required RssWatch Rss { get; init; }

    /// <summary>Why the slot was not free at the end (still held, or the final local requests failed); empty if free.</summary>
    public required IReadOnlyList<string> SlotLeaks { get; init; }

    /// <summary>How the router died during the soak, if it did.</summary>
    public required IReadOnlyList<string> Crashes { get; init; }
    public required IReadOnlyList<string> UnobservedExceptions { get; init; }
    public required IReadOnlyList<string> UnhandledExceptions { get; init; }

    /// <summary>Error-level log lines by category and event id (expected: the router reporting the injected faults).</summary>
    public required IReadOnlyList<(string Key, int Count)> ErrorLogLines { get; init; }

    public int Lost => Tally.Count(SoakVerdict.Lost);

    public int Faults => FaultsPlayed.Where(f => f.Key != "none").Sum(f => f.Value);

    /// <summary>
    /// The soak's row of the summary table in docs/RELIABILITY.md, without its last cell (the command, which only the
    /// caller knows): inputs, faults, lost, slot leaks, crashes.
    /// </summary>
    public string SummaryRow()
    {
        string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
        return $"| Soak, {Elapsed.TotalMinutes:0.#} min (tests/EdgeRouter.Tests/Soak/) | {N(Tally.Total)} requests over {Tally.ByInput().Count} inputs " +
            $"(OpenAI chat, Ollama chat and generate × local, auto, cloud route, bare upstream × stream, whole) | {N(Faults)} upstream faults " +
            $"(429 bursts, 500s, hangs, drops and stalls before and mid-stream), {N(Tally.Count(SoakVerdict.Aborted))} client aborts; " +
            $"max running {Gate.MaxRunning} over {N(Gate.Samples)} gate samples | {N(Lost)} | {SlotLeaks.Count} | {Crashes.Count} |";
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
        string Mib(long kib) => (kib / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";
        string List(IEnumerable<(string Key, int Count)> items) => string.Join(", ", items.Select(i => $"{i.Key} {N(i.Count)}")) is { Length: > 0 } s ? s : "none";

        Line($"Run: {Elapsed.TotalSeconds:0} s of load, seed {Settings.Seed}, {Settings.Workers} concurrent clients, router `{Path.GetFileName(Settings.Binary)}` ({Settings.Binary}).");
        Line($"Machine: {Machine}.");
        Line();
        Line("| account | figure |");
        Line("| --- | --- |");
        Line($"| requests sent | {N(Tally.Total)} |");
        Line($"| answered (complete, proper end) | {N(Tally.Count(SoakVerdict.Answered))} |");
        Line($"| explicit error (status + error shape) | {N(Tally.Count(SoakVerdict.Error))} |");
        Line($"| explicit error in a started stream | {N(Tally.Count(SoakVerdict.ErrorInStream))} |");
        Line($"| aborted by the client | {N(Tally.Count(SoakVerdict.Aborted))} (planned: {N(Tally.Planned(SoakAbort.AfterDelay))} after a delay, {N(Tally.Planned(SoakAbort.MidStream))} mid-stream) |");
        Line($"| **requests lost** | **{N(Lost)}** |");
        Line($"| gate samples (/readyz every 100 ms) | {N(Gate.Samples)}; max running {Gate.MaxRunning}, max queued {Gate.MaxQueued} (queue length {QueueLength}); samples with running > 1: **{Gate.Violations}**; failed polls: {Gate.Failures.Count} |");
        Line($"| **slot leaks** (gate idle and local answers after the load) | **{SlotLeaks.Count}** |");
        Line($"| **crashes** | **{Crashes.Count}** |");
        Line($"| unobserved task exceptions / unhandled exceptions | {UnobservedExceptions.Count} / {UnhandledExceptions.Count} |");
        Line($"| router RSS (VmRSS, {N(Rss.Samples)} samples) | start {Mib(Rss.FirstKib)}, first-half peak {Mib(Rss.FirstHalfPeakKib)}, second-half peak {Mib(Rss.SecondHalfPeakKib)} (allowed ≤ {Mib(Rss.FirstHalfPeakKib + Rss.AllowedGrowthKib)}), end {Mib(Rss.LastKib)} |");
        Line();
        Line($"- Inputs tried: {List(Tally.ByInput())}.");
        Line($"- Faults injected: {N(Faults)} by the flaky upstream (of {N(UpstreamRequests)} requests to both upstreams; \"none\" = it answered cleanly): " +
            $"{List(FaultsPlayed.Select(f => (f.Key, f.Value)).OrderByDescending(f => f.Value))}.");
        Line($"- Answers by tier: {List(Tally.Details(SoakVerdict.Answered))}.");
        Line($"- Errors by status and the last tier's reason: {List(Tally.Details(SoakVerdict.Error))}.");
        Line($"- Router error-level log lines: {List(ErrorLogLines)}.");
        foreach (var problem in Tally.Lost().Concat(SlotLeaks).Concat(Crashes).Concat(UnobservedExceptions).Concat(UnhandledExceptions).Concat(Gate.Failures).Take(50))
        {
            Line($"- PROBLEM: {problem}");
        }
        return text.ToString();
    }
}
