using System.Globalization;
using EdgeRouter.Host.Observability.Status;

namespace EdgeRouter.Host.Cli;

/// <summary>Renders a <see cref="StatusReport"/> as aligned plain-text tables (no colours: it often goes to a log or a pipe).</summary>
internal static class StatusTable
{
    public static void Write(StatusReport s, TextWriter output)
    {
        output.WriteLine($"edgerouter {s.Version} at {s.Listen}, up {Duration(TimeSpan.FromSeconds(s.UptimeSeconds))}");
        output.WriteLine($"model    {s.Model.Name ?? "-"}: {s.Model.State}{(s.Model.ContextLength is { } ctx ? $", context {ctx}" : "")} ({s.Model.Reason})");
        if (s.Gate is { } g)
        {
            output.WriteLine($"gate     {g.Running} running, {g.Queued}/{g.QueueLength} queued; {g.Admitted} admitted, {g.Rejected} refused, {g.TimedOut} timed out");
        }
        var t = s.Thermal;
        output.WriteLine($"thermal  {t.Level}{(t.Celsius is { } c ? $" {c.ToString("0.0", CultureInfo.InvariantCulture)} °C" : "")}" +
            $"{(t.Shedding ? ", shedding local work" : "")}{(t.UnderVoltage == true ? ", UNDER-VOLTAGE" : "")}");
        if (s.RetryBudget is { } b)
        {
            output.WriteLine($"retries  {b.Retries} of {b.Allowance} allowed ({b.Requests} requests in the window)");
        }
        if (s.Alerts is { } a)
        {
            output.WriteLine($"alerts   {a.Target}: {a.Sent} sent, {a.Suppressed} suppressed, {a.Dropped} dropped, {a.Failed} failed");
        }

        output.WriteLine();
        Table(output, ["TIER", "STATE", "UNTIL", "HEALTH", "NEXT PROBE", "TRANSITIONS", "IN FLIGHT", "REASON"],
            s.Tiers.Select(tier => new[]
            {
                tier.Name, tier.State, Until(tier.Until, s.Now), Health(tier.Health), Until(tier.Health?.NextProbe, s.Now),
                tier.Health?.Transitions.ToString(CultureInfo.InvariantCulture) ?? "-",
                tier.InFlight?.ToString(CultureInfo.InvariantCulture) ?? "-", tier.Reason ?? "",
            }));
        if (s.Routes.Count > 0)
        {
            output.WriteLine();
            Table(output, ["ROUTE", "CHAIN", "PINNED"],
                s.Routes.Select(r => new[] { r.Name, string.Join(" > ", r.Chain), r.Pinned ?? "-" }));
        }
        output.WriteLine();
        if (s.Transitions.Count == 0)
        {
            output.WriteLine("no transitions yet");
            return;
        }
        Table(output, ["WHEN", "EVENT", "SUBJECT", "UNTIL", "REASON"],
            s.Transitions.Take(15).Select(e => new[]
            {
                Ago(s.Now - e.Timestamp), e.Kind + (e.Class is { } cls ? $" ({cls})" : ""), e.Subject, Until(e.Until, s.Now), e.Reason,
            }));
    }

    private static void Table(TextWriter output, string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
        {
            // The last column (a reason) is never padded, so long reasons do not push trailing spaces.
            var cells = row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]));
            output.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }

    /// <summary>The failback state, out of service with its probe progress ("probing 1/3"); "-" for the local tier.</summary>
    private static string Health(HealthReport? health) => health switch
    {
        null => "-",
        { State: "in-service" } => health.State,
        _ => $"{health.State} {health.ProbeSuccesses}/{health.SuccessesToRecover}",
    };

    private static string Until(DateTimeOffset? until, DateTimeOffset now) =>
        until is not { } u ? "-" : u <= now ? "now" : "in " + Duration(u - now);

    private static string Ago(TimeSpan elapsed) => elapsed <= TimeSpan.Zero ? "now" : Duration(elapsed) + " ago";

    private static string Duration(TimeSpan span) => span.TotalSeconds < 60 ? $"{(int)span.TotalSeconds}s"
        : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes}m{span.Seconds:00}s"
        : span.TotalHours < 48 ? $"{(int)span.TotalHours}h{span.Minutes:00}m"
        : $"{(int)span.TotalDays}d{span.Hours:00}h";
}
