using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeRouter.Host.Json;

namespace EdgeRouter.Host.Config;

/// <summary>
/// The config file's file-only sections, read as JSON because their loaders want JSON's types and paths. Reading the
/// file here first also gives a syntax error its line number.
/// </summary>
internal sealed class FileSections
{
    public JsonElement? Cloud { get; init; }
    public AlertsSection? Alerts { get; init; }
    public AdminSection? Admin { get; init; }
    public JsonElement? Auth { get; init; }

    /// <exception cref="ConfigException">Not JSON, or a file-only section of the wrong shape.</exception>
    public static FileSections Read(byte[] bytes, string path)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, FileSectionsJsonContext.Default.FileSections) ?? new FileSections();
        }
        catch (JsonException ex)
        {
            var error = JsonErrorDescription.From(ex);
            throw new ConfigException(error.Kind switch
            {
                JsonErrorKind.UnknownProperty => $"{path}: unknown key '{error.Parameter}'",
                JsonErrorKind.Syntax => $"{path}: not valid JSON{(error.Line is { } line ? $" at line {line}" : "")}: {error.Detail}",
                JsonErrorKind.WrongType => $"{path}: '{error.Parameter}' has the wrong type: {error.Detail}",
                _ => $"{path}: '{error.Parameter}' is invalid: {error.Detail}",
            }, ex);
        }
    }
}

// The other top-level keys belong to the layered settings (checked by ConfigSchema); inside alerts and admin an
// unknown key is an error here.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(FileSections))]
internal sealed partial class FileSectionsJsonContext : JsonSerializerContext;
