using EdgeRouter.Host.Observability.Metrics;

namespace EdgeRouter.Host.Api.Ollama;

/// <summary>Ollama's native surface under /api, plus its liveness text at /.</summary>
internal static class OllamaEndpoints
{
    /// <summary>Ollama answers "Ollama is running"; clients only check for a 200.</summary>
    public const string RootText = "EdgeRouter is running";

    public static void AddOllama(this IServiceCollection services)
    {
        services.AddSingleton<OllamaModelCatalog>();
        services.AddSingleton<OllamaGenerationEndpoint>();
        services.AddSingleton<OllamaModelsEndpoint>();
    }

    public static void MapOllama(this IEndpointRouteBuilder routes)
    {
        var services = routes.ServiceProvider;
        var generation = services.GetRequiredService<OllamaGenerationEndpoint>();
        var models = services.GetRequiredService<OllamaModelsEndpoint>();
        string[] getOrHead = [HttpMethods.Get, HttpMethods.Head];

        routes.MapMethods("/", getOrHead, RootAsync);
        routes.MapPost("/api/chat", context => generation.HandleAsync(context, OllamaGenerationKinds.Chat)).WithMetadata(RequestSurface.OllamaChat);
        routes.MapPost("/api/generate", context => generation.HandleAsync(context, OllamaGenerationKinds.Generate)).WithMetadata(RequestSurface.OllamaGenerate);
        routes.MapMethods("/api/tags", getOrHead, models.TagsAsync);
        routes.MapPost("/api/show", models.ShowAsync);
        routes.MapGet("/api/ps", models.PsAsync);
        routes.MapMethods("/api/version", getOrHead, VersionAsync);
        routes.Map("/api/{**rest}", static context => OllamaErrors.WriteAsync(context, ApiError.NotFound(context.Request.Method, context.Request.Path)));
    }

    private static Task RootAsync(HttpContext context)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.ContentLength = RootText.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync(RootText, context.RequestAborted);
    }

    private static Task VersionAsync(HttpContext context) => ApiResults.JsonAsync(context, StatusCodes.Status200OK,
        new OllamaVersionResponse { Version = AppVersion.Current }, OllamaJsonContext.Api.OllamaVersionResponse);
}
