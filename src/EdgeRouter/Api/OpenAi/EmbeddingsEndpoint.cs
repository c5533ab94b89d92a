using EdgeRouter.Host.Api.Embeddings;

namespace EdgeRouter.Host.Api.OpenAi;

/// <summary>POST /v1/embeddings.</summary>
internal sealed class EmbeddingsEndpoint(EmbeddingRunner runner)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (await ApiRequest.ReadAsync<EmbeddingsRequest, OpenAiEmbeddingCall>(context, OpenAiJsonContext.Api.EmbeddingsRequest,
                EmbeddingsRequestMapping.TryMap, OpenAiErrors.WriteAsync) is not { } call)
        {
            return;
        }

        var (embedded, error) = await runner.RunAsync(call.Model, call.Request, context.RequestAborted);
        if (error is not null)
        {
            await OpenAiErrors.WriteAsync(context, error);
            return;
        }

        var result = embedded!.Result;
        // The models cannot shorten their vectors (no Matryoshka truncation), so only their own width is honest.
        if (call.Dimensions is { } asked && result.Vectors.Count > 0 && result.Vectors[0].Length != asked)
        {
            await OpenAiErrors.WriteAsync(context, ApiError.InvalidRequest(
                $"The model '{embedded.Model.Name}' does not support the dimensions parameter: its embeddings have {result.Vectors[0].Length} dimensions.",
                "dimensions", "unsupported_dimensions"));
            return;
        }

        await EmbeddingJson.SendAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("object", "list");
            writer.WriteStartArray("data");
            for (var i = 0; i < result.Vectors.Count; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("object", "embedding");
                writer.WriteNumber("index", i);
                if (call.Base64)
                {
                    writer.WriteString("embedding", EmbeddingJson.Base64(result.Vectors[i]));
                }
                else
                {
                    writer.WritePropertyName("embedding");
                    EmbeddingJson.WriteVector(writer, result.Vectors[i]);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("model", embedded.Model.Name);
            writer.WriteStartObject("usage");
            writer.WriteNumber("prompt_tokens", result.PromptTokens);
            writer.WriteNumber("total_tokens", result.PromptTokens);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }
}
