namespace EdgeRouter.Edge.Telemetry;

/// <summary>What the machine is, read once at start.</summary>
/// <param name="Kind">The family, which picks the thermal zone and the default thresholds.</param>
/// <param name="Model">The device-tree model or the DMI product name, or null.</param>
/// <param name="L4tRelease">Jetson only: the L4T release from /etc/nv_tegra_release, e.g. "R36.4.3" (JetPack 6).</param>
public sealed record BoardInfo(BoardKind Kind, string? Model, string? L4tRelease = null)
{
    public static BoardInfo Unknown { get; } = new(BoardKind.Unknown, null);

    public bool IsRaspberryPi => Kind is BoardKind.RaspberryPi4 or BoardKind.RaspberryPi5 or BoardKind.RaspberryPiOther;

    public bool IsJetson => Kind == BoardKind.Jetson;

    public override string ToString() => (Model ?? Kind.ToString()) + (L4tRelease is null ? string.Empty : $" (L4T {L4tRelease})");
}
