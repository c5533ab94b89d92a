using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api.OpenAi;

/// <summary>GET /v1/models and GET /v1/models/{id}.</summary>
internal sealed class ModelsEndpoint(ServedModels models)
{
    public Task ListAsync(HttpContext context)
    {
        var list = new ModelListResponse { Data = [.. models.List().Select(ToDto)] };
        return ApiResults.JsonAsync(context, StatusCodes.Status200OK, list, OpenAiJsonContext.Api.ModelListResponse);
    }

    public Task GetAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string ?? string.Empty;
        if (models.Resolve(id) is not { } model)
        {
            return OpenAiErrors.WriteAsync(context, ApiError.ModelNotFound(id, models.Names()));
        }
        return ApiResults.JsonAsync(context, StatusCodes.Status200OK, ToDto(model), OpenAiJsonContext.Api.ModelDto);
    }

    private static ModelDto ToDto(ModelInfo model) => new() { Id = model.Name, Created = model.LoadedAt.ToUnixTimeSeconds() };
}
