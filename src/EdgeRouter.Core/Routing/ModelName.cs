namespace EdgeRouter.Core.Routing;

/// <summary>
/// How a client's <c>model</c> names what the router serves. Ollama clients add <c>:latest</c> to every name, and names
/// are compared without regard to case, so "Qwen:latest" and "qwen" mean the same route, model or embedding model.
/// </summary>
public static class ModelName
{
    private const string DefaultTag = ":latest";

    public static string WithoutDefaultTag(string requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        var name = requested.Trim();
        return name.EndsWith(DefaultTag, StringComparison.OrdinalIgnoreCase) ? name[..^DefaultTag.Length] : name;
    }

    public static bool Names(string served, string requested)
    {
        ArgumentNullException.ThrowIfNull(served);
        return string.Equals(WithoutDefaultTag(served), WithoutDefaultTag(requested), StringComparison.OrdinalIgnoreCase);
    }
}
