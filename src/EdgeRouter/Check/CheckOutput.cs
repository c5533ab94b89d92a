using System.Globalization;
using System.Text.Json;

namespace EdgeRouter.Host.Check;

/// <summary>How `edgerouter check` prints its report: one line per finding, worst first, then a summary; or JSON.</summary>
internal static class CheckOutput
{
    public static void WriteText(CheckReport report, TextWriter output)
    {
        foreach (var severity in (CheckSeverity[])[CheckSeverity.Error, CheckSeverity.Warning, CheckSeverity.Info])
        {
            foreach (var finding in report.Findings.Where(f => f.Severity == severity))
            {
                output.WriteLine($"{Label(severity)}: {finding.Text}");
            }
        }
        var errors = report.Errors.Count();
        var warnings = report.Warnings.Count();
        var verdict = report.ExitCode switch
        {
            CheckReport.ExitErrors => "the server would refuse to start",
            CheckReport.ExitWarnings => "the server would start and log the warnings",
            _ => "ok",
        };
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"check: {errors} error{(errors == 1 ? "" : "s")}, {warnings} warning{(warnings == 1 ? "" : "s")}: {verdict} (exit {report.ExitCode})"));
    }

    public static void WriteJson(CheckReport report, TextWriter output)
    {
        var json = new CheckReportJson(
            report.ExitCode,
            report.Findings.Select(static f => new CheckFindingJson(Label(f.Severity), f.Subject, f.Message)).ToList());
        output.WriteLine(JsonSerializer.Serialize(json, CheckJsonContext.Default.CheckReportJson));
    }

    private static string Label(CheckSeverity severity) => severity switch
    {
        CheckSeverity.Error => "error",
        CheckSeverity.Warning => "warning",
        _ => "info",
    };
}
