using EdgeRouter.Host.Api.Ollama;
using EdgeRouter.Host.Api.OpenAi;
using EdgeRouter.Host.Api.Probes;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Api;

/// <summary>Registers and maps every surface. Handlers only see <see cref="Inference.IInferenceService"/>.</summary>
internal static class ApiEndpoints
{
    public static void AddApi(this IServiceCollection services)
    {
        services.AddSingleton<RunResponder>();
        services.AddSingleton<Hosting.ModelFootprints>();
        services.AddSingleton<ServedModels>();
        services.AddSingleton<Embeddings.EmbeddingRunner>();
        services.AddOpenAi();
        services.AddOllama();
    }

    public static void UseApiErrorBoundary(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EdgeRouter.Host.Api");
        app.Use((context, next) => ApiErrorBoundary.InvokeAsync(context, next, logger));
    }

    /// <summary>Before access control: browser preflights carry no key (see <see cref="Cors.BrowserCors"/>).</summary>
    public static void UseBrowserCors(this WebApplication app) => Cors.BrowserCors.Use(app);

    public static void MapApi(this WebApplication app)
    {
        app.MapProbes();
        app.MapOpenAi();
        app.MapOllama();
        // Anything no surface claims (e.g. /favicon.ico, /api-docs): a 404 in the shape of the surface the path looks
        // like, OpenAI under /v1 and Ollama elsewhere, instead of an empty body a client cannot parse.
        app.MapFallback("{**path}", static context =>
            SurfaceErrors.WriteAsync(context, ApiError.NotFound(context.Request.Method, context.Request.Path)));
    }
}
