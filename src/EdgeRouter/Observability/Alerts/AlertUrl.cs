using EdgeRouter.Cloud.Credentials;

namespace EdgeRouter.Host.Observability.Alerts;

/// <summary>
/// The webhook address. An ntfy topic or a bot token in the URL is a secret, so it may be given as a credential
/// reference (env:NAME, file:/path, systemd:NAME) holding the URL. Either way, <see cref="ToString"/> never shows more
/// than the reference or the scheme and host.
/// </summary>
public sealed class AlertUrl
{
    private readonly Uri? _literal;
    private readonly CredentialReference? _reference;

    private AlertUrl(Uri? literal, CredentialReference? reference)
    {
        _literal = literal;
        _reference = reference;
    }

    public static bool TryParse(string text, out AlertUrl? url, out string problem)
    {
        url = null;
        var value = text.Trim();
        if (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (!TryWebhook(value, out var literal, out problem))
            {
                return false;
            }
            url = new AlertUrl(literal, null);
            return true;
        }
        if (!CredentialReference.TryParse(value, out var reference, out problem) || reference.Source == CredentialSource.None)
        {
            problem = "expected an http(s) URL or a credential reference holding one (env:NAME, file:/absolute/path, systemd:NAME)";
            return false;
        }
        url = new AlertUrl(null, reference);
        return true;
    }

    /// <summary>The URL to post to, or why there is none (the problem never contains the URL).</summary>
    public Uri? Resolve(ICredentialResolver resolver, out string problem)
    {
        if (_literal is not null)
        {
            problem = "";
            return _literal;
        }
        var result = resolver.Resolve(_reference!);
        if (!result.IsResolved || result.Secret is null)
        {
            problem = result.Problem ?? "no URL";
            return null;
        }
        return TryWebhook(result.Secret.Reveal().Trim(), out var uri, out problem) ? uri : null;
    }

    public override string ToString() => _reference?.ToString() ?? $"{_literal!.Scheme}://{_literal.Host}/...";

    private static bool TryWebhook(string text, out Uri? uri, out string problem)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0)
        {
            problem = "";
            return true;
        }
        uri = null;
        problem = "is not an absolute http(s) URL";
        return false;
    }
}
