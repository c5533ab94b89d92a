namespace EdgeRouter.Host.Api.Cors;

/// <summary>
/// Browser origins allowed on top of the local ones <see cref="OriginPolicy"/> always allows (as Ollama's
/// OLLAMA_ORIGINS adds to its defaults). Patterns are exact origins ("https://chat.example.com") or contain '*'
/// ("https://*.example.com", "http://192.168.1.20:*"); "*" alone allows every origin.
/// </summary>
public sealed record CorsConfig
{
    public static CorsConfig Default { get; } = new();

    /// <summary>Extra origin patterns, already checked by <see cref="OriginPattern.Problem"/>. <value>None by default.</value></summary>
    public IReadOnlyList<string> Origins { get; init; } = [];
}
