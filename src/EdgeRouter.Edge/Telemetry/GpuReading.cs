namespace EdgeRouter.Edge.Telemetry;

/// <summary>An integrated GPU (Jetson) in one sample.</summary>
/// <param name="Name">The devfreq node, e.g. "17000000.gpu", or the load file's directory.</param>
/// <param name="LoadRatio">Busy fraction 0..1 (the kernel's <c>load</c> is per mille).</param>
/// <param name="FrequencyHz">devfreq <c>cur_freq</c>, Hz.</param>
/// <param name="MaxFrequencyHz">devfreq <c>max_freq</c>, Hz.</param>
public sealed record GpuReading(string Name, double? LoadRatio, long? FrequencyHz, long? MaxFrequencyHz);
