using Microsoft.Extensions.Time.Testing;

namespace EdgeRouter.Tests.Support;

/// <summary>The one instant every test clock starts at, so the dates a test sees are the same on every run.</summary>
public static class TestClock
{
    public static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>
    /// The stock fake clock, for code that reads the wall clock or measures with <see cref="TimeProvider.GetElapsedTime(long)"/>
    /// and whose timers each fire alone in an Advance. Where that is not enough, <see cref="ManualTimeProvider"/> says why.
    /// </summary>
    public static FakeTimeProvider Fake() => new(Start);
}
