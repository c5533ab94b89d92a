namespace EdgeRouter.Edge.Telemetry;

/// <summary>
/// Discovers the board's sources once (zones, hwmon devices, devfreq, cpufreq policies), then reads a fixed set of
/// small files per sample: the cost of <see cref="Read"/> does not grow with time or depend on globbing.
/// </summary>
public sealed class TelemetryReader
{
    private readonly SysfsRoot _root;
    private readonly TimeProvider _time;
    private readonly CpuFrequencyReader _cpu;
    private readonly UnderVoltageReader _underVoltage;
    private readonly FanReader _fan;
    private readonly GpuReader _gpu;
    private readonly PowerRailReader _power;
    private readonly MemoryReader _memory;

    public TelemetryReader(TelemetryOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        _root = new SysfsRoot(options.Root);
        _time = time;
        Board = BoardDetector.Detect(_root);
        Zones = new ThermalZoneReader(_root, Board.Kind, options.SocZoneType);
        var hwmon = HwmonDevice.Discover(_root);
        _cpu = new CpuFrequencyReader(_root);
        _underVoltage = new UnderVoltageReader(_root, hwmon);
        _fan = new FanReader(_root, hwmon);
        _gpu = new GpuReader(_root);
        _power = new PowerRailReader(_root, hwmon);
        _memory = new MemoryReader(_root);
    }

    public BoardInfo Board { get; }

    /// <summary>The thermal zones found and the SoC zone (whose trip points set the default thresholds).</summary>
    public ThermalZoneReader Zones { get; }

    /// <summary>Memory only, without a full sample; for the memory guard before a model load.</summary>
    public MemoryReading ReadMemory() => _memory.Read();

    public TelemetrySnapshot Read()
    {
        var zones = Zones.ReadAll();
        return new TelemetrySnapshot
        {
            Timestamp = _time.GetUtcNow(),
            Board = Board,
            Zones = zones,
            SocTemperature = Zones.SelectSoc(zones),
            CpuFrequency = _cpu.Read(),
            UnderVoltage = _underVoltage.Read(),
            Fan = _fan.Read(),
            Gpu = _gpu.Read(),
            Power = _power.Read(),
            Memory = _memory.Read(),
            LoadAverage = LoadAverageReader.Read(_root),
        };
    }
}
