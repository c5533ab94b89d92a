namespace EdgeRouter.Edge.Telemetry;

/// <summary>The board's power rails; the total is the module input rail (VDD_IN / POM_5V_IN) or else the rails' sum.</summary>
public sealed record PowerRailsReading(IReadOnlyList<PowerRail> Rails)
{
    private static readonly string[] InputRails = ["VDD_IN", "POM_5V_IN"];

    public double? TotalMilliwatts
    {
        get
        {
            foreach (var name in InputRails)
            {
                if (Rails.FirstOrDefault(r => string.Equals(r.Label, name, StringComparison.OrdinalIgnoreCase)) is { } input)
                {
                    return input.Milliwatts;
                }
            }
            var known = Rails.Where(static r => r.Milliwatts is not null).ToList();
            return known.Count == 0 ? null : known.Sum(static r => r.Milliwatts!.Value);
        }
    }
}
