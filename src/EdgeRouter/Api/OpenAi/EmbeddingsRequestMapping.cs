using System.Text.Json;
using EdgeRouter.Core.Embeddings;

namespace EdgeRouter.Host.Api.OpenAi;

/// <summary>A validated /v1/embeddings call.</summary>
internal sealed record OpenAiEmbeddingCall(string Model, EmbeddingRequest Request, bool Base64, int? Dimensions);

internal static class EmbeddingsRequestMapping
{
    /// <summary>OpenAI's own limit on inputs per request.</summary>
    public const int MaxInputs = 2048;

    private const string InputParam = "input";

    public static ApiError? TryMap(EmbeddingsRequest body, out OpenAiEmbeddingCall? call)
    {
        call = null;
        if (string.IsNullOrWhiteSpace(body.Model))
        {
            return ApiError.InvalidRequest("you must provide a model parameter", "model");
        }

        var base64 = body.EncodingFormat switch
        {
            null or "float" => false,
            "base64" => true,
            _ => (bool?)null,
        };
        if (base64 is null)
        {
            return ApiError.InvalidRequest($"encoding_format must be 'float' or 'base64', not '{body.EncodingFormat}'.", "encoding_format");
        }

        if (body.Dimensions is <= 0)
        {
            return ApiError.InvalidRequest("dimensions must be a positive integer.", "dimensions");
        }

        if (Inputs(body.Input, out var inputs) is { } invalid)
        {
            return invalid;
        }

        // OpenAI's clients never truncate: an input over the window is the caller's error, as with OpenAI itself.
        call = new OpenAiEmbeddingCall(body.Model.Trim(), new EmbeddingRequest(inputs!, Truncate: false), base64.Value, body.Dimensions);
        return null;
    }

    private static ApiError? Inputs(JsonElement? input, out List<EmbeddingInput>? inputs)
    {
        inputs = null;
        if (input is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return ApiError.InvalidRequest("you must provide an input parameter", InputParam);
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            inputs = [EmbeddingInput.FromText(element.GetString()!)];
            return null;
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            return ApiError.InvalidRequest("input must be a non-empty string, array of strings, array of token ids, or array of token-id arrays.", InputParam);
        }

        if (element.GetArrayLength() > MaxInputs)
        {
            return ApiError.InvalidRequest($"input may hold at most {MaxInputs} items; it has {element.GetArrayLength()}.", InputParam);
        }

        var first = element[0].ValueKind;
        if (first == JsonValueKind.Number)
        {
            return Tokens(element, out var tokens) is { } bad ? bad : Done([EmbeddingInput.FromTokens(tokens!)], out inputs);
        }

        var list = new List<EmbeddingInput>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            switch (item.ValueKind)
            {
                case JsonValueKind.String when first == JsonValueKind.String:
                    list.Add(EmbeddingInput.FromText(item.GetString()!));
                    break;
                case JsonValueKind.Array when first == JsonValueKind.Array:
                    if (Tokens(item, out var tokens) is { } bad)
                    {
                        return bad;
                    }

                    list.Add(EmbeddingInput.FromTokens(tokens!));
                    break;
                default:
                    return ApiError.InvalidRequest("input arrays must hold only strings, or only token-id arrays.", InputParam);
            }
        }

        inputs = list;
        return null;
    }

    private static ApiError? Done(List<EmbeddingInput> list, out List<EmbeddingInput>? inputs)
    {
        inputs = list;
        return null;
    }

    private static ApiError? Tokens(JsonElement array, out int[]? tokens)
    {
        tokens = null;
        if (array.GetArrayLength() == 0)
        {
            return ApiError.InvalidRequest("a token-id array must not be empty.", InputParam);
        }

        var ids = new int[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out ids[i++]))
            {
                return ApiError.InvalidRequest("token ids must be integers.", InputParam);
            }
        }

        tokens = ids;
        return null;
    }
}
