using System.Security.Cryptography;
using System.Text;
using EdgeRouter.Cloud.Limits;

namespace EdgeRouter.Host.Security;

/// <summary>The configured keys with their own rate buckets (one per key, on the router's clock).</summary>
internal sealed class ApiKeyStore
{
    private readonly Entry[] _entries;

    public ApiKeyStore(AuthConfig auth, TimeProvider time)
    {
        _entries = auth.ApiKeys
            .Select(k => new Entry(Convert.FromHexString(k.Sha256), new ApiKeyIdentity(k),
                ClockedTokenBucket.PerMinute(k.RequestsPerMinute, k.Burst, time)))
            .ToArray();
    }

    public int Count => _entries.Length;

    /// <summary>
    /// The key whose hash the token has, or null. Compares against every entry in constant time, so neither the
    /// position of a match nor a near-miss shows in the timing.
    /// </summary>
    public (ApiKeyIdentity Identity, ClockedTokenBucket Limit)? Find(string token)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), hash);
        Entry? found = null;
        foreach (var entry in _entries)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, entry.Hash))
            {
                found = entry;
            }
        }
        return found is { } match ? (match.Identity, match.Limit) : null;
    }

    private sealed record Entry(byte[] Hash, ApiKeyIdentity Identity, ClockedTokenBucket Limit);
}
