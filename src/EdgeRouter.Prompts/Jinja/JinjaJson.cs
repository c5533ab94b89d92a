using System.Globalization;
using System.Text.Json;

namespace EdgeRouter.Prompts.Jinja;

/// <summary>
/// Converts System.Text.Json values (messages, tools, tool-call arguments) into interpreter values. Integers stay
/// integers and floats floats, so tojson prints numbers the way the client sent them.
/// </summary>
public static class JinjaJson
{
    public static JinjaValue FromElement(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var dict = new JinjaDict();
                foreach (var property in element.EnumerateObject())
                {
                    dict.Items[property.Name] = FromElement(property.Value);
                }

                return dict;
            case JsonValueKind.Array:
                var list = new JinjaList(new List<JinjaValue>(element.GetArrayLength()));
                foreach (var item in element.EnumerateArray())
                {
                    list.Items.Add(FromElement(item));
                }

                return list;
            case JsonValueKind.String:
                return new JinjaString(element.GetString()!);
            case JsonValueKind.Number:
                return Number(element.GetRawText());
            case JsonValueKind.True:
                return JinjaBool.True;
            case JsonValueKind.False:
                return JinjaBool.False;
            default:
                return JinjaValue.None;
        }
    }

    /// <summary>Parses JSON text; null when it is not valid JSON.</summary>
    public static JinjaValue? TryParse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return FromElement(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JinjaValue Number(string raw)
    {
        var isInteger = raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0;
        if (isInteger && long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return new JinjaInt(integer);
        }

        return new JinjaFloat(double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture));
    }
}
