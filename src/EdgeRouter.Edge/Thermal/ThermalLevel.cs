namespace EdgeRouter.Edge.Thermal;

/// <summary>The thermal state the router acts on.</summary>
public enum ThermalLevel
{
    /// <summary>Serve locally as usual.</summary>
    Normal,
    /// <summary>New local work prefers a healthy upstream when the route allows; optionally fewer threads.</summary>
    Warm,
    /// <summary>The local tier sheds new work (503 + Retry-After, or a healthy, allowed upstream) until it cools.</summary>
    Hot,
}
