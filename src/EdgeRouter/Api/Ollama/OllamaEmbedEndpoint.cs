using System.Text.Json;
using EdgeRouter.Embeddings;
using EdgeRouter.Host.Api.Embeddings;

namespace EdgeRouter.Host.Api.Ollama;

/// <summary>POST /api/embed and the legacy POST /api/embeddings.</summary>
internal sealed class OllamaEmbedEndpoint(EmbeddingRunner runner)
{
    public async Task EmbedAsync(HttpContext context)
    {
        var body = await JsonBody.ReadAsync(context.Request, OllamaJsonContext.Api.OllamaEmbedRequest, context.RequestAborted);
        if (body.Error is { } invalid)
        {
            await OllamaErrors.WriteAsync(context, invalid);
            return;
        }

        var request = body.Value!;
        var model = request.Model?.Trim();
        var inputError = Inputs(request.Input, out var inputs);
        if (string.IsNullOrEmpty(model) || inputError is not null)
        {
            await OllamaErrors.WriteAsync(context, string.IsNullOrEmpty(model) ? ApiError.InvalidRequest("model is required", "model") : inputError!);
            return;
        }

        IReadOnlyList<float[]> vectors = [];
        var tokens = 0;
        var duration = TimeSpan.Zero;
        var name = model;
        if (inputs!.Count > 0)
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
        var body = await JsonBody.ReadAsync(context.Request, OllamaJsonContext.Api.OllamaEmbeddingsRequest, context.RequestAborted);
        if (body.Error is { } invalid)
        {
            await OllamaErrors.WriteAsync(context, invalid);
            return;
        }

        var request = body.Value!;
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            await OllamaErrors.WriteAsync(context, ApiError.InvalidRequest("model is required", "model"));
            return;
        }

        float[] vector = [];
        // As Ollama: no prompt embeds nothing (clients send that to load the model).
        if (!string.IsNullOrEmpty(request.Prompt))
        {
            var (embedded, error) = await runner.RunAsync(request.Model.Trim(),
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
