using System.Security.Cryptography;
using System.Text;

namespace EdgeRouter.Host.Security;

/// <summary>
/// How API keys and the admin token are stored in config: lowercase hex SHA-256 of the token's UTF-8 bytes. Tokens are
/// long random strings, so a fast hash is enough (no dictionary to attack); comparison is constant-time.
/// </summary>
public static class KeyHash
{
    public const int HexLength = 64;

    public static string Of(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>Whether <paramref name="token"/> hashes to <paramref name="expectedHex"/>, in time independent of where they differ.</summary>
    public static bool Matches(string token, string expectedHex)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(expectedHex);
        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), actual);
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        return IsValidHex(expectedHex)
            && Convert.FromHexString(expectedHex, expected, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == expected.Length
            && CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    public static bool IsValidHex(string value) => value.Length == HexLength && value.All(Uri.IsHexDigit);

    /// <summary>A new random token (256 bits, URL-safe), for <c>edgerouter key new</c>.</summary>
    public static string NewToken(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
