using System.Text;
using EdgeRouter.Cloud.Breakers;
using EdgeRouter.Cloud.State;
using EdgeRouter.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EdgeRouter.Tests.Cloud.State;

public sealed class StateFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgerouter-statefile-").FullName;
    private readonly FakeTimeProvider _time = TestClock.Fake();
    private readonly LogCapture _logs = new();

    private string FilePath => Path.Join(_directory, "state", StateFile.DefaultFileName);

    private StateFile NewFile() => new(FilePath, _time, _logs.CreateLogger("state"));

    private RouterState Sample() => new()
    {
        SavedAt = _time.GetUtcNow(),
        Cooldowns =
        [
            new SavedCooldown("env:KEY_A", CooldownKind.Throttle, _time.GetUtcNow().AddSeconds(90), "a: http-429"),
            new SavedCooldown("env:KEY_B", CooldownKind.CredentialDisabled, _time.GetUtcNow().AddMinutes(50), "b: http-401"),
        ],
        Breakers = [new SavedBreaker("c", _time.GetUtcNow().AddSeconds(20))],
        Pins = [new SavedPin("auto", "local")],
    };

    private static void AssertSameState(RouterState expected, RouterState actual)
    {
        Assert.Equal(expected.Cooldowns, actual.Cooldowns);
        Assert.Equal(expected.Breakers, actual.Breakers);
        Assert.Equal(expected.Pins, actual.Pins);
    }

    private void AssertIgnoredWithWarning(RouterState loaded)
    {
        Assert.Same(RouterState.Empty, loaded);
        Assert.Contains(_logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("[451]", StringComparison.Ordinal));
    }

    [Fact]
    public void Save_ThenLoad_RoundTripsEveryEntry_AndLeavesNoTempFile()
    {
        var state = Sample();

        Assert.True(NewFile().Save(state));
        var loaded = NewFile().Load();

        AssertSameState(state, loaded);
        Assert.Equal(state.SavedAt, loaded.SavedAt);
        Assert.Equal([StateFile.DefaultFileName], Directory.GetFiles(Path.GetDirectoryName(FilePath)!).Select(Path.GetFileName));
        Assert.DoesNotContain(_logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal));
    }

    [Fact]
    public void Save_ReplacesTheFile_AndIgnoresALeftoverTempFileFromACrash()
    {
        var file = NewFile();
        Assert.True(file.Save(Sample()));
        File.WriteAllText(FilePath + ".tmp", "{\"version\":1,\"cooldo");
        var next = Sample() with { Pins = [], Breakers = [] };

        Assert.True(file.Save(next));

        AssertSameState(next, file.Load());
        Assert.False(File.Exists(FilePath + ".tmp"));
    }

    [Fact]
    public void Load_DropsEntriesThatExpiredMeanwhile()
    {
        NewFile().Save(Sample());

        _time.Advance(TimeSpan.FromSeconds(60));
        var loaded = NewFile().Load();

        Assert.Equal(["env:KEY_A", "env:KEY_B"], loaded.Cooldowns.Select(c => c.Domain));
        Assert.Empty(loaded.Breakers);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(["env:KEY_B"], NewFile().Load().Cooldowns.Select(c => c.Domain));
    }

    [Fact]
    public void Load_MissingFile_IsACleanStartWithoutWarning()
    {
        Assert.Same(RouterState.Empty, NewFile().Load());
        Assert.DoesNotContain(_logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal));
        Assert.Contains(_logs.Lines, l => l.Contains("[455]", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_TruncatedAtEveryByte_IsIgnoredWithAWarning()
    {
        NewFile().Save(Sample());
        var whole = File.ReadAllBytes(FilePath);

        for (var length = 0; length < whole.Length; length++)
        {
            File.WriteAllBytes(FilePath, whole[..length]);
            var before = _logs.Lines.Count;

            var loaded = NewFile().Load();

            Assert.True(ReferenceEquals(RouterState.Empty, loaded), $"a file cut at byte {length} of {whole.Length} was accepted");
            Assert.True(_logs.Lines.Skip(before).Any(l => l.Contains("[451]", StringComparison.Ordinal)), $"no warning at byte {length}");
        }
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("\u0000\u0000\u0000\u0000")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"version\":2,\"cooldowns\":[],\"breakers\":[],\"pins\":[]}")]
    [InlineData("{\"version\":1,\"cooldowns\":[{\"domain\":null,\"kind\":\"Throttle\",\"until\":\"2026-01-02T03:05:00+00:00\",\"reason\":\"x\"}]}")]
    [InlineData("{\"version\":1,\"cooldowns\":[{\"kind\":\"Throttle\",\"until\":\"2026-01-02T03:05:00+00:00\",\"reason\":\"x\"}]}")]
    [InlineData("{\"version\":1,\"cooldowns\":[{\"domain\":\"d\",\"kind\":\"Sleepy\",\"until\":\"2026-01-02T03:05:00+00:00\",\"reason\":\"x\"}]}")]
    [InlineData("{\"version\":1,\"pins\":{\"auto\":\"local\"}}")]
    public void Load_CorruptFile_IsIgnoredWithAWarning(string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        File.WriteAllBytes(FilePath, Encoding.UTF8.GetBytes(content));

        AssertIgnoredWithWarning(NewFile().Load());
    }

    [Fact]
    public void Load_EmptyFile_IsIgnoredWithAWarning()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        File.WriteAllBytes(FilePath, []);

        AssertIgnoredWithWarning(NewFile().Load());
    }

    [Fact]
    public void Load_UnreadablePath_IsIgnoredWithAWarning()
    {
        // A directory where the file should be cannot be read, even by root.
        Directory.CreateDirectory(FilePath);

        AssertIgnoredWithWarning(NewFile().Load());
    }

    [NotRootFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Load_FileWithoutReadPermission_IsIgnoredWithAWarning()
    {
        NewFile().Save(Sample());
        File.SetUnixFileMode(FilePath, UnixFileMode.None);

        AssertIgnoredWithWarning(NewFile().Load());
    }

    [Fact]
    public void Save_WhereTheDirectoryCannotBeMade_ReturnsFalseWithAWarning()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Join(_directory, "state"), "a file, not a directory");

        Assert.False(NewFile().Save(Sample()));
        Assert.Contains(_logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("[452]", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
