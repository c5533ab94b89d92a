namespace EdgeRouter.Edge.Telemetry;

/// <summary>The board families whose sysfs layout the readers know.</summary>
public enum BoardKind
{
    /// <summary>Nothing identifying was readable.</summary>
    Unknown,
    RaspberryPi4,
    RaspberryPi5,
    /// <summary>Another Raspberry Pi (3, Zero 2, ...): same firmware conventions, no 64-bit guarantee.</summary>
    RaspberryPiOther,
    Jetson,
    /// <summary>A PC, server or other board identified by DMI or a device-tree model we do not special-case.</summary>
    Generic,
}
