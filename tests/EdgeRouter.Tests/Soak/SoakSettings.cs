using System.Globalization;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Soak;

/// <summary>
/// What one soak run does, from the environment: EDGEROUTER_SOAK_SECONDS (default 120, the CI form; scripts/soak.sh
/// passes 600), EDGEROUTER_SOAK_SEED, EDGEROUTER_SOAK_WORKERS, EDGEROUTER_SOAK_BINARY (another build of the router, e.g.
/// the Native AOT one) and EDGEROUTER_SOAK_REPORT (a file to write the account to, as Markdown; its
/// summary-table row goes beside it, as NAME.row.md).
/// </summary>
public sealed record SoakSettings
{
    public const int DefaultSeconds = 120;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(DefaultSeconds);

    public int Seed { get; init; } = 1;

    public int Workers { get; init; } = 4;

    public string Binary { get; init; } = EdgeRouterProcess.Binary;

    public string? ReportPath { get; init; }

    /// <summary>Longer than any answer can take (upstream deadlines are seconds): a request still open after it is lost.</summary>
    public TimeSpan LostAfter { get; init; } = TimeSpan.FromSeconds(60);

    public static SoakSettings FromEnvironment()
    {
        static int? Integer(string name) =>
            int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

        var settings = new SoakSettings();
        return settings with
        {
            Duration = TimeSpan.FromSeconds(Integer("EDGEROUTER_SOAK_SECONDS") ?? DefaultSeconds),
            Seed = Integer("EDGEROUTER_SOAK_SEED") ?? settings.Seed,
            Workers = Integer("EDGEROUTER_SOAK_WORKERS") ?? settings.Workers,
            Binary = Environment.GetEnvironmentVariable("EDGEROUTER_SOAK_BINARY") is { Length: > 0 } binary ? Path.GetFullPath(binary) : settings.Binary,
            ReportPath = Environment.GetEnvironmentVariable("EDGEROUTER_SOAK_REPORT") is { Length: > 0 } report ? Path.GetFullPath(report) : null,
        };
    }
}
