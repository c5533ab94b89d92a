namespace EdgeRouter.Thermal;

/// <summary>How the local tier should treat a new request under the current thermal level.</summary>
public enum LocalAdmission
{
    /// <summary>Run it locally.</summary>
    Accept,
    /// <summary>Send it to a healthy upstream if the route allows one; otherwise run it locally.</summary>
    PreferUpstream,
    /// <summary>Do not start it locally: a healthy, allowed upstream, or 503 with Retry-After.</summary>
    Shed,
}
