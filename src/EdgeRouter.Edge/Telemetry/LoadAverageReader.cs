using System.Globalization;

namespace EdgeRouter.Edge.Telemetry;

/// <summary>Parses /proc/loadavg: "0.52 0.58 0.59 1/123 4567".</summary>
public static class LoadAverageReader
{
    public static LoadAverage? Read(SysfsRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var parts = root.ReadText("proc/loadavg")?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not { Length: >= 3 })
        {
            return null;
        }
        return Parse(parts[0]) is { } one && Parse(parts[1]) is { } five && Parse(parts[2]) is { } fifteen
            ? new LoadAverage(one, five, fifteen)
            : null;
    }

    private static double? Parse(string text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : null;
}
