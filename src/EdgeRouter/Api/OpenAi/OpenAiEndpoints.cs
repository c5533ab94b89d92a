using EdgeRouter.Host.Observability.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeRouter.Host.Api.OpenAi;

/// <summary>The OpenAI-compatible surface under /v1.</summary>
internal static class OpenAiEndpoints
{
    public static void AddOpenAi(this IServiceCollection services)
    {
        services.AddSingleton<ChatCompletionsEndpoint>();
        services.AddSingleton<RawStreamRelay>();
        services.AddSingleton<CompletionsEndpoint>();
        services.AddSingleton<ModelsEndpoint>();
        services.AddSingleton<EmbeddingsEndpoint>();
    }

    public static void MapOpenAi(this IEndpointRouteBuilder routes)
    {
        var services = routes.ServiceProvider;
        var chat = services.GetRequiredService<ChatCompletionsEndpoint>();
        var completions = services.GetRequiredService<CompletionsEndpoint>();
        var models = services.GetRequiredService<ModelsEndpoint>();
        var embeddings = services.GetRequiredService<EmbeddingsEndpoint>();

        routes.MapPost("/v1/chat/completions", chat.HandleAsync).WithMetadata(RequestSurface.OpenAiChat);
        routes.MapPost("/v1/completions", completions.HandleAsync).WithMetadata(RequestSurface.OpenAiCompletions);
        routes.MapPost("/v1/embeddings", embeddings.HandleAsync).WithMetadata(RequestSurface.OpenAiEmbeddings);
        routes.MapGet("/v1/models", models.ListAsync);
        routes.MapGet("/v1/models/{**id}", models.GetAsync);
        routes.Map("/v1/{**rest}", static context => OpenAiErrors.WriteAsync(context, ApiError.NotFound(context.Request.Method, context.Request.Path)));
    }
}
