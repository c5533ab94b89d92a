using EdgeRouter.Host.Config;
using EdgeRouter.Core.Inference;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Hosting;

/// <summary>
/// Seams for running the router in-process (tests, embedding). Everything is optional; an empty instance builds
/// exactly what the binary runs.
/// </summary>
public sealed record HostOverrides
{
    public static HostOverrides None { get; } = new();

    /// <summary>
    /// Builds the local model instead of <see cref="LocalEngineFactory"/>; runs on the inference thread behind the
    /// real gate, so a fake generator exercises the same admission, streaming and cancellation paths.
    /// </summary>
    public Func<RouterConfig, ITextGenerator>? GeneratorFactory { get; init; }

    /// <summary>The clock for the gate, timestamps and durations. <value>The default is <see cref="TimeProvider.System"/>.</value></summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Runs after the default logging setup (e.g. to raise the minimum level in tests).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>Reads environment variables (config overrides, data directories). <value>The default reads the process environment.</value></summary>
    public Func<string, string?>? Environment { get; init; }

    /// <summary>
    /// Runs after the default registrations, so it can replace them (e.g. a fake credential resolver or clock).
    /// </summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Runs after the production Kestrel limits are set (e.g. a short header timeout in a slowloris test).</summary>
    public Action<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>? ConfigureKestrel { get; init; }

    /// <summary>Runs after the API endpoints are mapped (e.g. to add /metrics).</summary>
    public Action<WebApplication>? ConfigureApp { get; init; }

    /// <summary>Config files tried when none is named. <value>The default is <see cref="ConfigSources.DefaultSearchPaths"/>.</value></summary>
    public IReadOnlyList<string>? ConfigSearchPaths { get; init; }
}
