namespace EdgeRouter.Edge.Telemetry;

/// <summary>
/// Identifies the board from /proc/device-tree/model and /compatible (ARM boards), /etc/nv_tegra_release (Jetson)
/// or /sys/class/dmi/id (x86).
/// </summary>
public static class BoardDetector
{
    public static BoardInfo Detect(SysfsRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var model = root.ReadText("proc/device-tree/model") ?? root.ReadText("sys/firmware/devicetree/base/model");
        var compatible = (root.ReadText("proc/device-tree/compatible") ?? root.ReadText("sys/firmware/devicetree/base/compatible") ?? string.Empty)
            .Split('\0', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var kind = Classify(model, compatible);
        if (kind == BoardKind.Jetson)
        {
            return new BoardInfo(kind, model, ParseL4tRelease(root.ReadText("etc/nv_tegra_release")));
        }
        if (kind != BoardKind.Unknown)
        {
            return new BoardInfo(kind, model);
        }

        var product = root.ReadText("sys/class/dmi/id/product_name");
        var vendor = root.ReadText("sys/class/dmi/id/sys_vendor");
        var dmi = string.Join(' ', new[] { vendor, product }.Where(static s => !string.IsNullOrWhiteSpace(s)));
        return dmi.Length > 0 ? new BoardInfo(BoardKind.Generic, dmi) : BoardInfo.Unknown;
    }

    internal static BoardKind Classify(string? model, IReadOnlyCollection<string> compatible)
    {
        var m = model ?? string.Empty;
        if (m.StartsWith("Raspberry Pi 5", StringComparison.OrdinalIgnoreCase)
            || m.StartsWith("Raspberry Pi 500", StringComparison.OrdinalIgnoreCase)
            || m.StartsWith("Raspberry Pi Compute Module 5", StringComparison.OrdinalIgnoreCase)
            || compatible.Contains("brcm,bcm2712", StringComparer.OrdinalIgnoreCase))
        {
            return BoardKind.RaspberryPi5;
        }
        if (m.StartsWith("Raspberry Pi 4", StringComparison.OrdinalIgnoreCase)
            || m.StartsWith("Raspberry Pi 400", StringComparison.OrdinalIgnoreCase)
            || m.StartsWith("Raspberry Pi Compute Module 4", StringComparison.OrdinalIgnoreCase)
            || compatible.Contains("brcm,bcm2711", StringComparer.OrdinalIgnoreCase))
        {
            return BoardKind.RaspberryPi4;
        }
        if (m.StartsWith("Raspberry Pi", StringComparison.OrdinalIgnoreCase)
            || compatible.Any(static c => c.StartsWith("raspberrypi,", StringComparison.OrdinalIgnoreCase)))
        {
            return BoardKind.RaspberryPiOther;
        }
        if (m.Contains("Jetson", StringComparison.OrdinalIgnoreCase)
            || compatible.Any(static c => c.StartsWith("nvidia,tegra", StringComparison.OrdinalIgnoreCase)))
        {
            return BoardKind.Jetson;
        }
        return m.Length > 0 ? BoardKind.Generic : BoardKind.Unknown;
    }

    /// <summary>"# R36 (release), REVISION: 4.3, GCID: ..." becomes "R36.4.3".</summary>
    internal static string? ParseL4tRelease(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var line = text.Split('\n')[0].TrimStart('#').Trim();
        var release = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (release is null || !release.StartsWith('R'))
        {
            return null;
        }
        const string marker = "REVISION:";
        var at = line.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return release;
        }
        var revision = line[(at + marker.Length)..].Split(',')[0].Trim();
        return revision.Length > 0 ? $"{release}.{revision}" : release;
    }
}
