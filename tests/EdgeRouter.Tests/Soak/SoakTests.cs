using Xunit.Abstractions;

namespace EdgeRouter.Tests.Soak;

/// <summary>
/// The soak in its short (CI) form: <see cref="SoakSettings.DefaultSeconds"/> of mixed load unless
/// EDGEROUTER_SOAK_SECONDS says otherwise (scripts/soak.sh runs the long form). Asserts counts and invariants only,
/// never speed: no request lost, at most one generation running at every sample, the slot free afterwards, no crash,
/// no unobserved or unhandled exception, and bounded memory growth.
/// </summary>
[Collection(SoakCollection.Name)]
public sealed class SoakTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Long")]
    public async Task Soak_short()
    {
        var settings = SoakSettings.FromEnvironment();

        var report = await SoakRun.RunAsync(settings, output.WriteLine);

        var account = report.ToMarkdown();
        output.WriteLine(account);
        if (settings.ReportPath is { } path)
        {
            await File.WriteAllTextAsync(path, account);
            await File.WriteAllTextAsync(Path.ChangeExtension(path, ".row.md"), report.SummaryRow());
        }
        Assert.True(report.Tally.Total > 0, "no request was sent");
        Assert.True(report.Lost == 0, $"{report.Lost} requests lost:\n{string.Join('\n', report.Tally.Lost().Take(20))}");
        Assert.Empty(report.Crashes);
        Assert.True(report.Gate.Samples > 0, "the gate was never sampled");
        Assert.Equal(0, report.Gate.Violations);
        Assert.InRange(report.Gate.MaxQueued, 0, SoakRun.QueueLength);
        Assert.Empty(report.Gate.Failures);
        Assert.Empty(report.SlotLeaks);
        Assert.Empty(report.UnobservedExceptions);
        Assert.Empty(report.UnhandledExceptions);
        Assert.True(report.Rss.GrowthBounded,
            $"RSS grew from a first-half peak of {report.Rss.FirstHalfPeakKib} KiB to {report.Rss.SecondHalfPeakKib} KiB");
    }
}

/// <summary>The soak runs alone, after the parallel suites: its load must not slow other tests, nor theirs skew it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoakCollection
{
    public const string Name = "soak";
}
