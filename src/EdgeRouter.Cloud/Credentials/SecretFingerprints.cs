using System.Security.Cryptography;
using System.Text;

namespace EdgeRouter.Cloud.Credentials;

/// <summary>
/// Tells whether two resolved keys are the same key without keeping anything that says what the key is: an
/// HMAC-SHA256 under a random key made once per process. The fingerprints live only in memory, are never stored,
/// logged or compared across processes (a restart makes new ones), so they cannot be looked up or brute-forced offline.
/// </summary>
public sealed class SecretFingerprints
{
    private readonly byte[] _key;

    /// <summary>A fresh random key (what a process uses).</summary>
    public SecretFingerprints() : this(RandomNumberGenerator.GetBytes(32)) { }

    /// <param name="key">The HMAC key; injectable so tests are deterministic.</param>
    public SecretFingerprints(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = (byte[])key.Clone();
    }

    /// <summary>The process's fingerprints: one random key for the router and the start checks alike.</summary>
    public static SecretFingerprints Process { get; } = new();

    public SecretFingerprint Of(Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return new SecretFingerprint(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(secret.Reveal())));
    }
}

/// <summary>A keyed hash of one key: comparable, never printable (ToString hides it, like <see cref="Secret"/>'s).</summary>
[System.Diagnostics.DebuggerDisplay("[fingerprint]")]
public sealed class SecretFingerprint : IEquatable<SecretFingerprint>
{
    private readonly byte[] _hash;

    internal SecretFingerprint(byte[] hash) => _hash = hash;

    public bool Equals(SecretFingerprint? other) =>
        other is not null && CryptographicOperations.FixedTimeEquals(_hash, other._hash);

    public override bool Equals(object? obj) => Equals(obj as SecretFingerprint);

    public override int GetHashCode() => BitConverter.ToInt32(_hash, 0);

    public override string ToString() => "[fingerprint]";
}
