using EdgeRouter.Host.Observability.Metrics;

namespace EdgeRouter.Host.Api.Ollama;

/// <summary>Ollama's native surface under /api, plus its liveness text at /.</summary>
internal static class OllamaEndpoints
{
    /// <summary>Ollama's liveness text, word for word: front-ends look for it to detect an Ollama server.</summary>
    public const string RootText = "Ollama is running";

    /// <summary>
    /// The version /api/version reports. Front-ends compare it against the Ollama version that introduced what they use
    /// (tools, structured "format", "think", /api/embed); 0.12.0 is past all of those. Our own version goes in
    /// <see cref="VersionHeader"/> and /status.
    /// </summary>
    public const string CompatibleVersion = "0.12.0";

    public const string VersionHeader = "X-EdgeRouter-Version";

    public static void AddOllama(this IServiceCollection services)
    {
        services.AddSingleton<OllamaModelCatalog>();
        services.AddSingleton<OllamaGenerationEndpoint>();
        services.AddSingleton<OllamaModelsEndpoint>();
        services.AddSingleton<OllamaEmbedEndpoint>();
    }

    public static void MapOllama(this IEndpointRouteBuilder routes)
    {
        var services = routes.ServiceProvider;
        var generation = services.GetRequiredService<OllamaGenerationEndpoint>();
        var models = services.GetRequiredService<OllamaModelsEndpoint>();
        var embed = services.GetRequiredService<OllamaEmbedEndpoint>();
        string[] getOrHead = [HttpMethods.Get, HttpMethods.Head];

        routes.MapMethods("/", getOrHead, RootAsync);
        routes.MapPost("/api/chat", context => generation.HandleAsync(context, OllamaGenerationKinds.Chat)).WithMetadata(RequestSurface.OllamaChat);
        routes.MapPost("/api/generate", context => generation.HandleAsync(context, OllamaGenerationKinds.Generate)).WithMetadata(RequestSurface.OllamaGenerate);
        routes.MapPost("/api/embed", embed.EmbedAsync).WithMetadata(RequestSurface.OllamaEmbed);
        routes.MapPost("/api/embeddings", embed.EmbeddingsAsync).WithMetadata(RequestSurface.OllamaEmbeddings);
        routes.MapMethods("/api/tags", getOrHead, models.TagsAsync);
        routes.MapPost("/api/show", models.ShowAsync);
        routes.MapGet("/api/ps", models.PsAsync);
        routes.MapMethods("/api/version", getOrHead, VersionAsync);
        routes.MapOllamaModelManagement();
        routes.Map("/api/{**rest}", static context => OllamaErrors.WriteAsync(context, ApiError.NotFound(context.Request.Method, context.Request.Path)));
    }

    private static Task RootAsync(HttpContext context)
    {
        context.Response.Headers[VersionHeader] = AppVersion.Current;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.ContentLength = RootText.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync(RootText, context.RequestAborted);
    }

    private static Task VersionAsync(HttpContext context)
    {
        context.Response.Headers[VersionHeader] = AppVersion.Current;
        return ApiResults.JsonAsync(context, StatusCodes.Status200OK,
            new OllamaVersionResponse { Version = CompatibleVersion }, OllamaJsonContext.Api.OllamaVersionResponse);
    }
}
