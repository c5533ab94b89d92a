using System.Text.Json.Serialization;

namespace EdgeRouter.Cloud.State;

// Strict on read: a null or missing field, an unknown kind or a wrong type is a JsonException, so a damaged file is
// ignored as a whole rather than half-applied. Unknown keys are allowed, so a newer writer's extra fields do no harm.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    WriteIndented = true)]
[JsonSerializable(typeof(RouterState))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
