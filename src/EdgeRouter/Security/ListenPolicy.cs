using EdgeRouter.Host.Config;

namespace EdgeRouter.Host.Security;

/// <summary>
/// A router reachable from other machines must not be an open, unauthenticated door to the model and the cloud budget:
/// binding anything but loopback needs API keys.
/// </summary>
public static class ListenPolicy
{
    /// <exception cref="ConfigException">A non-loopback address without auth.apiKeys.</exception>
    public static void Check(RouterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.Listen.IsLoopback && !config.Auth.RequiresKeys)
        {
            throw new ConfigException(
                $"listen: {config.Listen} is reachable from other machines, but no API keys are configured; " +
                "add auth.apiKeys to the config file (create one with 'edgerouter key new') or listen on 127.0.0.1");
        }
    }
}
