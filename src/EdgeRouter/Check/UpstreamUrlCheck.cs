using System.Net;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Credentials;

namespace EdgeRouter.Host.Check;

/// <summary>
/// The URL's shape is the config reader's job; this warns about the one valid URL that is still a mistake: a key
/// sent over plain http to another machine.
/// </summary>
internal static class UpstreamUrlCheck
{
    public static IEnumerable<CheckFinding> Run(CloudConfig config)
    {
        foreach (var upstream in config.Upstreams)
        {
            var url = upstream.BaseUrl;
            var hasKey = CredentialReference.TryParse(upstream.Credential, out var reference, out _) && reference.Source != CredentialSource.None;
            if (hasKey && url.Scheme == Uri.UriSchemeHttp && !IsLoopback(url))
            {
                yield return CheckFinding.Warning($"upstream '{upstream.Name}'",
                    $"sends its key over plain http to {url.Authority} (cloud.upstreams.{upstream.Name}.baseUrl); use https");
            }
        }
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.IdnHost, out var address) && IPAddress.IsLoopback(address));
}
