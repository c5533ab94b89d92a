using System.Text.Json.Serialization;

namespace EdgeRouter.Prompts.Grammar;

/// <summary>Source-generated JSON for the few values the grammar code serializes (property names as JSON strings).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class GrammarJsonContext : JsonSerializerContext;
