using System.Text.Json;
using System.Text.Unicode;

namespace EdgeRouter.Host.Json;

/// <summary>
/// Checks that every string in a JSON document can become a .NET string. The serializer validates typed string
/// members, but request fields that take several shapes are kept as JsonElement and decoded later, where invalid
/// UTF-8 or an unpaired "\ud800" escape throws InvalidOperationException instead of a JSON error.
/// </summary>
public static class JsonText
{
    /// <summary>False for invalid UTF-8 anywhere, or an escaped string that does not decode; true otherwise (syntax errors are left to the parser).</summary>
    public static bool StringsAreValid(ReadOnlySpan<byte> json)
    {
        if (!Utf8.IsValid(json))
        {
            return false;
        }
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    _ = reader.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // Not well-formed: the deserializer reports where, in its own words.
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        return true;
    }
}
