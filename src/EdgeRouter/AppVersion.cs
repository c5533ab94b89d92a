using System.Reflection;

namespace EdgeRouter.Host;

/// <summary>The product version from the assembly (Directory.Build.props), without a "+commit" suffix.</summary>
public static class AppVersion
{
    public static string Current { get; } = Read();

    private static string Read()
    {
        var informational = typeof(AppVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
        {
            return typeof(AppVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }
        var plus = informational.IndexOf('+');
        return plus >= 0 ? informational[..plus] : informational;
    }
}
