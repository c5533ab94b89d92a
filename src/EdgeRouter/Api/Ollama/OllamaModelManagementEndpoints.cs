namespace EdgeRouter.Host.Api.Ollama;

/// <summary>
/// Ollama's model-management calls (/api/pull, /api/push, /api/create, /api/copy, /api/delete, /api/blobs). Models
/// here are GGUF files an operator puts on the board and names in the config, so these calls cannot work; they answer
/// in Ollama's error shape with what to do instead, not the generic "unknown URL".
/// </summary>
/// <remarks>
/// Status 501 Not Implemented: the path is Ollama's and known, the function is not offered. Every Ollama client we
/// know shows the "error" text for any non-2xx status (ollama-js throws a ResponseError with it, the Ollama CLI prints
/// it, Open WebUI shows it) and none retries a 501. A 404 reads as "no such model in the registry", a 400 as "your
/// request is malformed", and a 401 or 403 starts the Ollama CLI's or a front-end's sign-in flow.
/// </remarks>
internal static class OllamaModelManagementEndpoints
{
    public const string HowToSetAModel =
        "Models on EdgeRouter are GGUF files configured on the board, not pulled or created through the API. " +
        "Copy a .gguf file onto the board, set model.path in the config file (\"model\": {\"path\": \"/path/to/model.gguf\"}, " +
        "or EDGEROUTER_MODEL, or --model) and restart the service; `edgerouter check` verifies the file first.";

    public static void MapOllamaModelManagement(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/pull", context => RefuseAsync(context, "pull models"));
        routes.MapPost("/api/push", context => RefuseAsync(context, "push models"));
        routes.MapPost("/api/create", context => RefuseAsync(context, "create models"));
        routes.MapPost("/api/copy", context => RefuseAsync(context, "copy models"));
        routes.MapDelete("/api/delete", context => RefuseAsync(context, "delete models"));
        routes.MapMethods("/api/blobs/{digest}", [HttpMethods.Head, HttpMethods.Post], context => RefuseAsync(context, "store model blobs"));
    }

    private static Task RefuseAsync(HttpContext context, string what) => OllamaErrors.WriteAsync(context,
        new ApiError(StatusCodes.Status501NotImplemented, $"EdgeRouter does not {what}. {HowToSetAModel}",
            ApiError.InvalidRequestType, null, "model_management_unsupported"));
}
