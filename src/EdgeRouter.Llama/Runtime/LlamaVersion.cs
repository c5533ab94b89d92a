using System.Globalization;

namespace EdgeRouter.Llama.Runtime;

/// <summary>
/// The llama.cpp release this binding's struct layouts were written against. Checked before any function that
/// passes a struct by value is called: a different minor release silently corrupts llama_*_params.
/// </summary>
public static class LlamaVersion
{
    public const int PinnedMajor = 0;
    public const int PinnedMinor = 5;

    /// <summary>"0.5.x", for messages.</summary>
    public static string Pinned { get; } = $"{PinnedMajor}.{PinnedMinor}.x";

    /// <summary>
    /// Parses what llama_version() reported (e.g. "0.5.0", "0.5.0-dev") and throws unless its major.minor is the
    /// pinned one. Returns the parsed major.minor.patch.
    /// </summary>
    /// <exception cref="LlamaLibraryException">Unparseable or mismatched version.</exception>
    public static Version Check(string reported, string libraryPath = "libllama")
    {
        ArgumentNullException.ThrowIfNull(reported);
        if (!TryParse(reported, out var version))
        {
            throw new LlamaLibraryException(
                $"libllama at {libraryPath} reports version \"{reported}\", which is not a llama.cpp release version " +
                $"(expected {Pinned}). Use scripts/fetch-native.sh or a matching build.");
        }

        if (version.Major != PinnedMajor || version.Minor != PinnedMinor)
        {
            throw new LlamaLibraryException(
                $"libllama at {libraryPath} reports version {reported}; EdgeRouter {ProductVersion} is built against " +
                $"llama.cpp {Pinned} — struct layouts differ. Use scripts/fetch-native.sh or a matching build.");
        }

        return version;
    }

    /// <summary>Accepts "M.m", "M.m.p" and a "-suffix" (llama.cpp appends "-dev" to untagged builds).</summary>
    internal static bool TryParse(string reported, out Version version)
    {
        version = new Version(0, 0);
        var text = reported.Trim();
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var numeric = dash >= 0 ? text[..dash] : text;
        var parts = numeric.Split('.');
        if (parts.Length is < 2 or > 3)
        {
            return false;
        }

        Span<int> values = stackalloc int[3];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0 || !int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]))
            {
                return false;
            }
        }

        version = new Version(values[0], values[1], parts.Length == 3 ? values[2] : 0);
        return true;
    }

    private static string ProductVersion =>
        typeof(LlamaVersion).Assembly.GetName().Version?.ToString(3) ?? "unknown";
}
