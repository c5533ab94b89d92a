using System.Globalization;
using System.Text;

namespace EdgeRouter.Edge.Telemetry;

/// <summary>
/// Every sysfs/procfs read goes through here, relative to a root directory ("/" on a device, a fixture tree in
/// tests). A missing or unreadable file, a directory where a file should be, or text that does not parse all read
/// as null: telemetry is best effort and must never throw into the sampler.
/// </summary>
public sealed class SysfsRoot
{
    // Attribute files in sysfs are at most one page; procfs files we read (meminfo, cgroup) are a few KB.
    private const int MaxFileBytes = 16 * 1024;

    public SysfsRoot(string root = "/")
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = root;
    }

    /// <summary>The machine's own root.</summary>
    public static SysfsRoot Default { get; } = new("/");

    public string Root { get; }

    /// <summary>The absolute path of <paramref name="relative"/> (leading slashes ignored) under the root.</summary>
    public string Resolve(string relative) => Path.Join(Root, relative.TrimStart('/'));

    /// <summary>The file's text with surrounding whitespace and NUL bytes trimmed, or null.</summary>
    public string? ReadText(string relative)
    {
        try
        {
            using var stream = new FileStream(Resolve(relative), FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            Span<byte> buffer = stackalloc byte[MaxFileBytes];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer[total..])) > 0)
            {
                total += read;
            }
            return Encoding.UTF8.GetString(buffer[..total]).Trim().Trim('\0').Trim();
        }
#pragma warning disable CA1031 // Best effort by design: EAGAIN (Jetson cv zones), EACCES, EISDIR, ENOENT all mean "unknown".
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <summary>A decimal integer file (sysfs style), or null.</summary>
    public long? ReadInt64(string relative) =>
        long.TryParse(ReadText(relative), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    public bool FileExists(string relative)
    {
        try
        {
            return File.Exists(Resolve(relative));
        }
#pragma warning disable CA1031
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>
    /// Sub-directories (symlinks to directories count, as in /sys/class/*) of <paramref name="relative"/> whose name
    /// matches <paramref name="pattern"/>, as root-relative paths ordered by their trailing number (zone2 before zone10).
    /// </summary>
    public IReadOnlyList<string> ListDirectories(string relative, string pattern)
    {
        try
        {
            var parent = Resolve(relative);
            return Directory.EnumerateFileSystemEntries(parent, pattern)
                .Where(Directory.Exists)
                .Select(Path.GetFileName)
                .OfType<string>()
                .OrderBy(TrailingNumber)
                .ThenBy(static name => name, StringComparer.Ordinal)
                .Select(name => Path.Join(relative, name))
                .ToArray();
        }
#pragma warning disable CA1031
        catch (Exception)
#pragma warning restore CA1031
        {
            return [];
        }
    }

    /// <summary>File names (not paths) in <paramref name="relative"/> matching <paramref name="pattern"/>, sorted.</summary>
    public IReadOnlyList<string> ListFiles(string relative, string pattern)
    {
        try
        {
            return Directory.EnumerateFiles(Resolve(relative), pattern)
                .Select(Path.GetFileName)
                .OfType<string>()
                .OrderBy(static name => name, StringComparer.Ordinal)
                .ToArray();
        }
#pragma warning disable CA1031
        catch (Exception)
#pragma warning restore CA1031
        {
            return [];
        }
    }

    /// <summary>The number at the end of a name such as "thermal_zone12" or "hwmon3"; -1 when there is none.</summary>
    public static int TrailingNumber(string name)
    {
        var end = name.Length;
        var start = end;
        while (start > 0 && char.IsAsciiDigit(name[start - 1]))
        {
            start--;
        }
        return start < end && int.TryParse(name.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
    }
}
