using EdgeRouter.Core.Routing;

namespace EdgeRouter.Host.Security;

/// <summary>
/// The API key a request authenticated with, as an HttpContext feature: later code (routing, metrics, logs) uses
/// <see cref="Name"/>, never the key itself. Absent when no keys are configured.
/// </summary>
public sealed class ApiKeyIdentity(ApiKeyConfig key)
{
    public string Name => key.Name;

    public RequestPriority Priority => key.Priority;

    /// <summary>Routes this key may use; null means all.</summary>
    public IReadOnlyList<string>? Routes => key.Routes;
}
