using System.Globalization;
using System.Text.Json;

namespace EdgeRouter.Host.Api;

/// <summary>Value checks shared by both surfaces, with OpenAI-style messages that name the parameter.</summary>
internal static class RequestChecks
{
    public static ApiError? AtLeast(int? value, int minimum, string param) =>
        value is { } v && v < minimum
            ? ApiError.InvalidRequest(
                string.Create(CultureInfo.InvariantCulture, $"Invalid '{param}': integer below minimum value. Expected a value >= {minimum}, but got {v} instead."),
                param, "integer_below_min_value")
            : null;

    public static ApiError? IntInRange(int? value, int minimum, int maximum, string param) =>
        AtLeast(value, minimum, param)
        ?? (value is { } v && v > maximum
            ? ApiError.InvalidRequest(
                string.Create(CultureInfo.InvariantCulture, $"Invalid '{param}': integer above maximum value. Expected a value <= {maximum}, but got {v} instead."),
                param, "integer_above_max_value")
            : null);

    public static ApiError? InRange(double? value, double minimum, double maximum, string param)
    {
        if (value is not { } v)
        {
            return null;
        }
        if (!double.IsFinite(v) || v < minimum)
        {
            return ApiError.InvalidRequest(
                string.Create(CultureInfo.InvariantCulture, $"Invalid '{param}': decimal below minimum value. Expected a value >= {minimum}, but got {v} instead."),
                param, "decimal_below_min_value");
        }
        return v > maximum
            ? ApiError.InvalidRequest(
                string.Create(CultureInfo.InvariantCulture, $"Invalid '{param}': decimal above maximum value. Expected a value <= {maximum}, but got {v} instead."),
                param, "decimal_above_max_value")
            : null;
    }

    /// <summary>stop as a string or an array of strings; empty strings are dropped.</summary>
    public static ApiError? ReadStop(JsonElement? stop, string param, out IReadOnlyList<string> sequences)
    {
        sequences = [];
        if (stop is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (element.ValueKind == JsonValueKind.String)
        {
            sequences = element.GetString() is { Length: > 0 } single ? [single] : [];
            return null;
        }
        if (element.ValueKind == JsonValueKind.Array)
        {
            var list = new List<string>();
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    return ApiError.InvalidRequest($"Invalid type for '{param}': expected a string or an array of strings.", param, "invalid_type");
                }
                if (item.GetString() is { Length: > 0 } text)
                {
                    list.Add(text);
                }
            }
            sequences = list;
            return null;
        }
        return ApiError.InvalidRequest($"Invalid type for '{param}': expected a string or an array of strings.", param, "invalid_type");
    }

    /// <summary>True when a field that changes the meaning of the request was sent with a real value.</summary>
    public static bool IsSet(JsonElement? value) => value is { } v && v.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.False => false,
        JsonValueKind.Array => v.GetArrayLength() > 0,
        JsonValueKind.String => v.GetString() is { Length: > 0 },
        _ => true,
    };

    public static uint? Seed(long? seed) => seed is { } s ? unchecked((uint)s) : null;
}
