using System.Text.Json;
using EdgeRouter.Core.Embeddings;
using EdgeRouter.Host.Api.Embeddings;

namespace EdgeRouter.Host.Api.Ollama;

/// <summary>POST /api/embed and the legacy POST /api/embeddings.</summary>
internal sealed class OllamaEmbedEndpoint(EmbeddingRunner runner)
{
    public async Task EmbedAsync(HttpContext context)
    {
        if (await ApiRequest.ReadAsync<OllamaEmbedRequest, EmbedCall>(context, OllamaJsonContext.Api.OllamaEmbedRequest, MapEmbed,
                OllamaErrors.WriteAsync) is not { } call)
        {
            return;
        }

        var (request, model, inputs) = call;
        IReadOnlyList<float[]> vectors = [];
        var tokens = 0;
        var duration = TimeSpan.Zero;
        var name = model;
        if (inputs.Count > 0)
        {
            var (embedded, error) = await runner.RunAsync(model, new EmbeddingRequest(inputs, request.Truncate ?? true), context.RequestAborted);
            if (error is not null)
            {
                await OllamaErrors.WriteAsync(context, error);
                return;
            }

            vectors = embedded!.Result.Vectors;
            tokens = embedded.Result.PromptTokens;
            duration = embedded.Result.Duration;
            name = embedded.Model.Name;
        }

        if (request.Dimensions is { } dimensions && vectors.Count > 0 && vectors[0].Length != dimensions)
        {
            await OllamaErrors.WriteAsync(context, ApiError.InvalidRequest(
                $"the model '{name}' does not support dimensions: its embeddings have {vectors[0].Length} dimensions", "dimensions"));
            return;
        }

        await EmbeddingJson.SendAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("model", OllamaFormat.Tagged(name));
            writer.WriteStartArray("embeddings");
            foreach (var vector in vectors)
            {
                EmbeddingJson.WriteVector(writer, vector);
            }

            writer.WriteEndArray();
            writer.WriteNumber("total_duration", OllamaFormat.Nanoseconds(duration));
            // The model was loaded at start, never by this request.
            writer.WriteNumber("load_duration", 0);
            writer.WriteNumber("prompt_eval_count", tokens);
            writer.WriteEndObject();
        });
    }

    public async Task EmbeddingsAsync(HttpContext context)
    {
        if (await ApiRequest.ReadAsync<OllamaEmbeddingsRequest, OllamaEmbeddingsRequest>(context, OllamaJsonContext.Api.OllamaEmbeddingsRequest,
                MapEmbeddings, OllamaErrors.WriteAsync) is not { } request)
        {
            return;
        }

        float[] vector = [];
        // As Ollama: no prompt embeds nothing (clients send that to load the model).
        if (!string.IsNullOrEmpty(request.Prompt))
        {
            var (embedded, error) = await runner.RunAsync(request.Model!.Trim(),
                new EmbeddingRequest([EmbeddingInput.FromText(request.Prompt)]), context.RequestAborted);
            if (error is not null)
            {
                await OllamaErrors.WriteAsync(context, error);
                return;
            }

            vector = embedded!.Result.Vectors[0];
        }

        await EmbeddingJson.SendAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("embedding");
            EmbeddingJson.WriteVector(writer, vector);
            writer.WriteEndObject();
        });
    }

    /// <summary>A valid /api/embed body, with its trimmed model name and its inputs.</summary>
    private sealed record EmbedCall(OllamaEmbedRequest Request, string Model, List<EmbeddingInput> Inputs);

    private static ApiError? MapEmbed(OllamaEmbedRequest request, out EmbedCall? call)
    {
        call = null;
        var model = request.Model?.Trim();
        var inputError = Inputs(request.Input, out var inputs);
        if (string.IsNullOrEmpty(model))
        {
            return ModelRequired();
        }
        if (inputError is not null)
        {
            return inputError;
        }
        call = new EmbedCall(request, model, inputs!);
        return null;
    }

    private static ApiError? MapEmbeddings(OllamaEmbeddingsRequest request, out OllamaEmbeddingsRequest? valid)
    {
        valid = string.IsNullOrWhiteSpace(request.Model) ? null : request;
        return valid is null ? ModelRequired() : null;
    }

    private static ApiError ModelRequired() => ApiError.InvalidRequest("model is required", "model");

    /// <summary>A string or an array of strings; none (or an empty array) embeds nothing, as Ollama answers a preload.</summary>
    private static ApiError? Inputs(JsonElement? input, out List<EmbeddingInput>? inputs)
    {
        inputs = [];
        if (input is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            inputs.Add(EmbeddingInput.FromText(element.GetString()!));
            return null;
        }

        if (element.ValueKind == JsonValueKind.Array && element.EnumerateArray().All(static item => item.ValueKind == JsonValueKind.String))
        {
            inputs.AddRange(element.EnumerateArray().Select(static item => EmbeddingInput.FromText(item.GetString()!)));
            return null;
        }

        inputs = null;
        return ApiError.InvalidRequest("invalid input type: input must be a string or an array of strings", "input");
    }
}
