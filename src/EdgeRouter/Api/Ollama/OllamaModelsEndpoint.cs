using System.Globalization;
using System.Text.Json.Nodes;
using EdgeRouter.Host.Hosting;
using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api.Ollama;

/// <summary>GET /api/tags, POST /api/show, GET /api/ps.</summary>
internal sealed class OllamaModelsEndpoint(ServedModels served, OllamaModelCatalog catalog, ModelFootprints footprints, TimeProvider time)
{
    /// <summary>The GGUF's own {arch}.context_length, under a key of ours (Ollama clients ignore keys they do not know).</summary>
    public const string TrainedContextKey = "edgerouter.trained_context_length";

    public Task TagsAsync(HttpContext context)
    {
        var models = served.List().Select(model =>
        {
            var facts = catalog.Facts(model);
            var name = OllamaFormat.Tagged(model.Name);
            return new OllamaTagModel
            {
                Name = name,
                Model = name,
                ModifiedAt = OllamaFormat.Timestamp(facts.ModifiedAt),
                Size = facts.Size,
                Digest = facts.Digest,
                Details = OllamaModelCatalog.Details(model),
            };
        });
        return ApiResults.JsonAsync(context, StatusCodes.Status200OK, new OllamaTagsResponse { Models = [.. models] }, OllamaJsonContext.Api.OllamaTagsResponse);
    }

    public Task PsAsync(HttpContext context)
    {
        // The model stays loaded for the life of the process; report an expiry far in the future, as Ollama does for keep_alive -1.
        var expires = OllamaFormat.Timestamp(time.GetUtcNow().AddYears(100));
        var models = served.List().Select(model =>
        {
            var facts = catalog.Facts(model);
            var name = OllamaFormat.Tagged(model.Name);
            return new OllamaRunningModel
            {
                Name = name,
                Model = name,
                // As Ollama: the memory the loaded model occupies (weights + KV cache), not the file size /api/tags shows.
                // size_vram stays 0: the CPU backends keep everything in system memory (Ollama reports 0 on CPU too).
                Size = footprints.For(model).TotalBytes,
                Digest = facts.Digest,
                Details = OllamaModelCatalog.Details(model),
                ExpiresAt = expires,
                ContextLength = model.ContextLength,
            };
        });
        return ApiResults.JsonAsync(context, StatusCodes.Status200OK, new OllamaPsResponse { Models = [.. models] }, OllamaJsonContext.Api.OllamaPsResponse);
    }

    public async Task ShowAsync(HttpContext context)
    {
        var body = await JsonBody.ReadAsync(context.Request, OllamaJsonContext.Api.OllamaShowRequest, context.RequestAborted);
        if (body.Error is { } invalid)
        {
            await OllamaErrors.WriteAsync(context, invalid);
            return;
        }
        var requested = body.Value!.Model ?? body.Value.Name;
        if (string.IsNullOrWhiteSpace(requested))
        {
            await OllamaErrors.WriteAsync(context, ApiError.InvalidRequest("model is required", "model"));
            return;
        }
        if (served.Resolve(requested) is not { } model)
        {
            await OllamaErrors.WriteAsync(context, ApiError.ModelNotFound(requested, served.Names()));
            return;
        }

        var facts = catalog.Facts(model);
        var template = model.ChatTemplate ?? string.Empty;
        var show = new OllamaShowResponse
        {
            Modelfile = Modelfile(model, template),
            Parameters = Parameters(model),
            Template = template,
            Details = OllamaModelCatalog.Details(model),
            ModelInfo = new JsonObject
            {
                ["general.architecture"] = model.Architecture,
                ["general.name"] = model.Name,
                ["general.parameter_count"] = model.ParameterCount,
                ["general.quantization"] = model.Quantization,
                // The window this server allocated, not the trained one: agents read this key to size their prompts,
                // and a request larger than the allocated window cannot be served whatever the model was trained on.
                [$"{model.Architecture}.context_length"] = model.ContextLength,
                [TrainedContextKey] = model.TrainContextLength,
            },
            Capabilities = OllamaCapabilities.Of(model),
            ModifiedAt = OllamaFormat.Timestamp(facts.ModifiedAt),
        };
        await ApiResults.JsonAsync(context, StatusCodes.Status200OK, show, OllamaJsonContext.Api.OllamaShowResponse);
    }

    private static string Parameters(ModelInfo model)
    {
        var defaults = new SamplingOptions();
        return string.Create(CultureInfo.InvariantCulture,
            $"num_ctx {model.ContextLength}\ntemperature {defaults.Temperature}\ntop_k {defaults.TopK}\ntop_p {defaults.TopP}\nmin_p {defaults.MinP}");
    }

    private static string Modelfile(ModelInfo model, string template) => string.Create(CultureInfo.InvariantCulture,
        $"# Modelfile generated by EdgeRouter\nFROM {model.Path}\nTEMPLATE \"\"\"{template}\"\"\"\nPARAMETER num_ctx {model.ContextLength}\n");
}
