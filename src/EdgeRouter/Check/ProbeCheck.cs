using EdgeRouter.Cloud.Config;

namespace EdgeRouter.Host.Check;

/// <summary>
/// Warns about an upstream whose failback probe is not its traffic (the explicit opt-in <c>probe: "models"</c>):
/// a provider that throttles chat completions for the key while <c>/models</c> answers 200 makes that probe hear
/// "healthy", the tier comes back, the next real request gets a 429, and flap damping holds the tier out after the
/// provider recovered. The default probe is the route's real request and never differs.
/// </summary>
internal static class ProbeCheck
{
    public static IEnumerable<CheckFinding> Run(CloudConfig config)
    {
        foreach (var upstream in config.Upstreams)
        {
            if ((upstream.Probe ?? config.Failback.Probe) != ProbeKind.Models)
            {
                continue;
            }
            var root = upstream.BaseUrl.AbsoluteUri.EndsWith('/') ? upstream.BaseUrl : new Uri(upstream.BaseUrl.AbsoluteUri + "/");
            var setting = upstream.Probe is null ? "cloud.failback.probe" : $"cloud.upstreams.{upstream.Name}.probe";
            yield return CheckFinding.Warning($"upstream '{upstream.Name}'",
                $"failback probe GET {new Uri(root, "models")} differs from its traffic POST {new Uri(root, "chat/completions")} " +
                $"({setting} is \"models\"): a key throttled for chat while /models answers 200 comes back into 429s and flaps; " +
                "remove the setting to probe with the route's real request");
        }
    }
}
