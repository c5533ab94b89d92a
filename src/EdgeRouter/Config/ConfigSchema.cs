using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace EdgeRouter.Host.Config;

/// <summary>
/// Every key the settings records accept, read from their source-generated JSON metadata (no reflection), so the
/// unknown-key check, the value check and the EDGEROUTER_SECTION__KEY variables need no list of their own.
/// </summary>
internal sealed class ConfigSchema
{
    /// <param name="Key">The configuration key, e.g. "model:threads".</param>
    /// <param name="Type">The value's type without Nullable; for a list, its element type.</param>
    public sealed record Setting(string Key, Type Type, bool IsList)
    {
        /// <summary>As the README and the error messages spell it: "model.threads".</summary>
        public string Path { get; } = Key.Replace(':', '.');

        /// <summary>The variable every setting answers to, e.g. EDGEROUTER_MODEL__THREADS (the binder's "__" for ":").</summary>
        public string EnvironmentVariable { get; } = "EDGEROUTER_" + Key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant();

        /// <summary>A file or directory: relative values are taken from the config file's directory (file) or the working directory.</summary>
        public bool IsFileSystemPath { get; } =
            Key.EndsWith("path", StringComparison.OrdinalIgnoreCase) || Key.EndsWith("directory", StringComparison.OrdinalIgnoreCase)
            || Key.EndsWith(":root", StringComparison.OrdinalIgnoreCase);

        /// <summary>A duration: variables and flags may write "10s" as well as "10".</summary>
        public bool IsSeconds { get; } = Key.EndsWith("seconds", StringComparison.OrdinalIgnoreCase);

        /// <summary>"10s" → "10" for a duration; any other value as it is.</summary>
        public string WithoutSecondsUnit(string value) =>
            IsSeconds && value.TrimEnd() is var trimmed && trimmed.EndsWith('s') ? trimmed[..^1] : value;

        /// <returns>The error naming <paramref name="label"/> (a file key, variable or flag), or null when <paramref name="value"/> fits.</returns>
        public string? Error(string label, string value) => Problem(value) switch
        {
            null => null,
            var quoted when quoted.StartsWith('\'') => $"{label}: {quoted}",
            var problem => $"{label} {problem}",
        };

        /// <returns>
        /// Why <paramref name="value"/> cannot be this setting's value ("'x' is not an integer", "must not be empty"),
        /// or null when it can. No text setting may be blank: a blank name or path is always a slip.
        /// </returns>
        private string? Problem(string value)
        {
            if (IsList)
            {
                return null;
            }
            var text = value.Trim();
            if (text.Length == 0)
            {
                return "must not be empty";
            }
            if (Type == typeof(int))
            {
                return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? null : $"'{value}' is not an integer";
            }
            if (Type == typeof(double))
            {
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? null : $"'{value}' is not a number";
            }
            if (Type == typeof(bool))
            {
                return bool.TryParse(text, out _) ? null : $"'{value}' is not true or false";
            }
            if (Type == typeof(KvCacheType))
            {
                return KvCacheTypes.Names.Contains(text, StringComparer.OrdinalIgnoreCase) ? null : $"is '{value}'; expected one of {string.Join(", ", KvCacheTypes.Names)}";
            }
            return Type == typeof(string) ? null : throw new InvalidOperationException($"{Key}: no value check for {Type.Name}");
        }
    }

    private readonly Dictionary<string, Setting> _byKey;

    private ConfigSchema(IReadOnlyList<Setting> settings)
    {
        All = settings;
        _byKey = settings.ToDictionary(s => s.Key, StringComparer.OrdinalIgnoreCase);
        Sections = settings.Where(s => s.Key.Contains(':')).Select(s => s.Key[..s.Key.IndexOf(':')]).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    public static ConfigSchema Settings { get; } = From(SettingsJsonContext.Default.RouterSettings);

    public IReadOnlyList<Setting> All { get; }

    /// <summary>Top-level keys that hold settings ("model", "gate", ...).</summary>
    public IReadOnlyList<string> Sections { get; }

    /// <summary>The setting <paramref name="key"/> belongs to: itself, or the list it is an element of ("cors:origins:2").</summary>
    public Setting? Find(string key)
    {
        if (_byKey.TryGetValue(key, out var setting))
        {
            return setting;
        }
        var last = key.LastIndexOf(':');
        return last > 0 && int.TryParse(key.AsSpan(last + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _)
            && _byKey.TryGetValue(key[..last], out var list) && list.IsList ? list : null;
    }

    private static ConfigSchema From(JsonTypeInfo root)
    {
        var settings = new List<Setting>();
        Walk(root, prefix: "", settings);
        return new ConfigSchema(settings);
    }

    private static void Walk(JsonTypeInfo type, string prefix, List<Setting> settings)
    {
        // A computed property (GateConfig.MaxWait) is neither a constructor parameter nor settable: not a key.
        foreach (var property in type.Properties.Where(p => p.AssociatedParameter is not null || p.Set is not null))
        {
            var key = prefix + property.Name;
            var info = type.Options.GetTypeInfo(property.PropertyType);
            switch (info.Kind)
            {
                case JsonTypeInfoKind.Object:
                    Walk(info, key + ":", settings);
                    break;
                case JsonTypeInfoKind.Enumerable:
                    settings.Add(new Setting(key, info.ElementType!, IsList: true));
                    break;
                default:
                    settings.Add(new Setting(key, Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType, IsList: false));
                    break;
            }
        }
    }
}

/// <summary>Metadata only: the schema walks it; nothing is serialized with it.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(RouterSettings))]
internal sealed partial class SettingsJsonContext : JsonSerializerContext;
