using System.Text;

namespace EdgeRouter.Cloud.Credentials;

/// <summary>
/// Removes a key from text an upstream sent back. Some servers echo the Authorization header in their error bodies;
/// those bodies reach logs, Fallback headers and (for request errors) the client, none of which may see the key.
/// </summary>
public static class SecretRedaction
{
    public const string Marker = "[redacted]";

    private static readonly byte[] MarkerBytes = Encoding.UTF8.GetBytes(Marker);

    public static string Redact(string text, Secret? secret) =>
        secret is null ? text : text.Replace(secret.Reveal(), Marker, StringComparison.Ordinal);

    public static ReadOnlyMemory<byte> Redact(ReadOnlyMemory<byte> body, Secret? secret)
    {
        if (secret is null || body.IsEmpty)
        {
            return body;
        }
        var needle = Encoding.UTF8.GetBytes(secret.Reveal());
        var rest = body.Span;
        var at = rest.IndexOf(needle);
        if (at < 0)
        {
            return body;
        }
        var output = new List<byte>(body.Length);
        while (at >= 0)
        {
            output.AddRange(rest[..at]);
            output.AddRange(MarkerBytes);
            rest = rest[(at + needle.Length)..];
            at = rest.IndexOf(needle);
        }
        output.AddRange(rest);
        return output.ToArray();
    }
}
