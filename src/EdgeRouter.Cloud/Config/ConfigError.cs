namespace EdgeRouter.Cloud.Config;

/// <summary>One problem with the cloud config, located by its JSON path, e.g. <c>routes.smart.chain[1]</c>.</summary>
public sealed record ConfigError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
