namespace EdgeRouter.Routing;

/// <summary>How hard the board is working (thermal, power); filled by the edge-device integration.</summary>
public enum LocalPressure
{
    /// <summary>Routes run as configured.</summary>
    Normal,

    /// <summary>Prefer an upstream: the local tier moves to the end of the chain (still used when nothing else can serve).</summary>
    Warm,

    /// <summary>Shed local work: the local tier is skipped.</summary>
    Hot,
}

/// <summary>The hook the thermal/power monitor implements. Read once per request; must be cheap.</summary>
public interface ILocalPressure
{
    LocalPressure Current { get; }
}

/// <summary>No monitor: always <see cref="LocalPressure.Normal"/>.</summary>
public sealed class NormalPressure : ILocalPressure
{
    public static NormalPressure Instance { get; } = new();

    public LocalPressure Current => LocalPressure.Normal;
}
