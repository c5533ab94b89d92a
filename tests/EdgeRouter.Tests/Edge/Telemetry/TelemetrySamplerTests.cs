using EdgeRouter.Edge.Telemetry;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Edge.Telemetry;

public sealed class TelemetrySamplerTests : IDisposable
{
    private readonly ManualTimeProvider _time = new();
    private readonly string _root = FixtureTrees.CopyToTemp(FixtureTrees.Pi4);

    private TelemetrySampler NewSampler(double intervalSeconds = 2)
    {
        var options = new TelemetryOptions { Root = _root, Interval = TimeSpan.FromSeconds(intervalSeconds) };
        return new TelemetrySampler(new TelemetryReader(options, _time), options, _time);
    }

    private void SetTemperature(int milliCelsius) =>
        File.WriteAllText(Path.Join(_root, "sys/class/thermal/thermal_zone0/temp"), $"{milliCelsius}\n");

    [Fact]
    public void Start_SamplesAtOnceThenEveryInterval()
    {
        using var sampler = NewSampler();
        var seen = new List<double?>();
        sampler.Sampled += s => seen.Add(s.SocCelsius);

        sampler.Start();
        Assert.Equal([48.686], seen);
        Assert.NotNull(sampler.Latest);

        SetTemperature(55000);
        _time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.Single(seen);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal([48.686, 55.0], seen);
        _time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(5, sampler.SampleCount);
        Assert.Equal(_time.GetUtcNow(), sampler.Latest!.Timestamp);
    }

    [Fact]
    public void Sampled_ThrowingSubscriber_DoesNotStopSamplingOrOtherSubscribers()
    {
        using var sampler = NewSampler();
        var calls = 0;
        sampler.Sampled += _ => throw new InvalidOperationException("subscriber bug");
        sampler.Sampled += _ => calls++;

        sampler.Start();
        _time.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(3, calls);
    }

    [Fact]
    public void Dispose_StopsTheTimer()
    {
        var sampler = NewSampler();
        sampler.Start();
        Assert.Equal(1, _time.ActiveTimers);

        sampler.Dispose();
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(0, _time.ActiveTimers);
        Assert.Equal(1, sampler.SampleCount);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
