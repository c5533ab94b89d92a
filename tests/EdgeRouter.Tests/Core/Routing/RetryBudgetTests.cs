using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Limits;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Core.Routing;

public sealed class RetryBudgetTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void Retries_AreCappedAtRatioOfRequests()
    {
        var budget = new RetryBudget(new RetryBudgetConfig { Ratio = 0.1, Window = TimeSpan.FromSeconds(60), MinRetries = 0 }, _time);
        for (var i = 0; i < 30; i++)
        {
            budget.RecordRequest();
        }

        var granted = Enumerable.Range(0, 10).Count(_ => budget.TryWithdraw());

        Assert.Equal(3, granted);
        Assert.Equal((30, 3, 3), budget.Snapshot());
    }

    [Fact]
    public void MinRetries_AllowQuietBoardsToFailOver()
    {
        var budget = new RetryBudget(new RetryBudgetConfig { Ratio = 0.1, Window = TimeSpan.FromSeconds(60), MinRetries = 2 }, _time);
        budget.RecordRequest();
        Assert.True(budget.TryWithdraw());
        Assert.True(budget.TryWithdraw());
        Assert.False(budget.TryWithdraw());
    }

    [Fact]
    public void Window_SlidesWithTheClock()
    {
        var budget = new RetryBudget(new RetryBudgetConfig { Ratio = 0.5, Window = TimeSpan.FromSeconds(10), MinRetries = 0 }, _time);
        budget.RecordRequest();
        budget.RecordRequest();
        Assert.True(budget.TryWithdraw());
        Assert.False(budget.TryWithdraw());

        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal((0, 0, 0), budget.Snapshot());
        Assert.False(budget.TryWithdraw());
        budget.RecordRequest();
        budget.RecordRequest();
        Assert.True(budget.TryWithdraw());
    }

    [Fact]
    public void Backoff_IsFullJitterCappedAndReplayable()
    {
        var config = new BackoffConfig { Base = TimeSpan.FromMilliseconds(100), Max = TimeSpan.FromSeconds(1) };
        var half = new Jitter(() => 0.5);
        Assert.Equal(TimeSpan.FromMilliseconds(50), Backoff.Delay(config, 0, half));
        Assert.Equal(TimeSpan.FromMilliseconds(200), Backoff.Delay(config, 2, half));
        Assert.Equal(TimeSpan.FromMilliseconds(500), Backoff.Delay(config, 10, half));
        Assert.Equal(TimeSpan.Zero, Backoff.Delay(config, 3, new Jitter(() => 0)));
        Assert.Equal(TimeSpan.Zero, Backoff.Delay(config with { Base = TimeSpan.Zero }, 3, half));
    }
}
