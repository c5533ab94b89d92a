using System.Runtime.CompilerServices;

namespace EdgeRouter.Tests.Edge;

/// <summary>The sysfs fixture trees in tests/fixtures/sysfs, found from this source file's location.</summary>
internal static class FixtureTrees
{
    public const string Pi4 = "pi4";
    public const string Pi5 = "pi5";
    public const string JetsonOrinNano = "jetson-orin-nano-jp6";
    public const string X86 = "x86-generic";
    public const string Unreadable = "unreadable";

    public static string PathOf(string tree) => Path.Join(SysfsDirectory(), tree);

    /// <summary>A writable copy of <paramref name="tree"/> in a temporary directory (delete it when done).</summary>
    public static string CopyToTemp(string tree)
    {
        var target = Directory.CreateTempSubdirectory("edgerouter-sysfs-").FullName;
        var source = PathOf(tree);
        foreach (var dir in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Join(target, Path.GetRelativePath(source, dir)));
        }
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Join(target, Path.GetRelativePath(source, file)));
        }
        return target;
    }

    private static string SysfsDirectory([CallerFilePath] string thisFile = "")
    {
        for (var dir = Path.GetDirectoryName(thisFile); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            var candidate = Path.Join(dir, "fixtures", "sysfs");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("tests/fixtures/sysfs not found above " + thisFile);
    }
}
