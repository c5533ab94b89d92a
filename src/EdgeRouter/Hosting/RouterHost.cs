using System.Net.Sockets;
using EdgeRouter.Cloud.Credentials;
using EdgeRouter.Cloud.Hosting;
using EdgeRouter.Cloud.State;
using EdgeRouter.Host.Api;
using EdgeRouter.Host.Check;
using EdgeRouter.Host.Cli;
using EdgeRouter.Host.Config;
using EdgeRouter.Host.Observability;
using EdgeRouter.Host.Observability.Metrics;
using EdgeRouter.Host.Security;
using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Local;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using EdgeRouter.Edge.Systemd;
using EdgeRouter.Edge.Telemetry;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Hosting;

/// <summary>
/// The composition root. Builds the web app (Kestrel, logging, the API surfaces over one
/// <see cref="IInferenceService"/>), binds, then starts loading the model in the background so /healthz answers at
/// once and /readyz reports progress.
/// </summary>
public static class RouterHost
{
    /// <summary>How long in-flight requests get to finish on shutdown before their connections are cut.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Starts from serve-style arguments (e.g. ["--listen", "127.0.0.1:0"]), layering config as the binary does.</summary>
    /// <exception cref="UsageException">The arguments are not serve flags.</exception>
    /// <exception cref="ConfigException">The configuration is invalid, or a start check failed (<see cref="StartupChecks"/>).</exception>
    /// <exception cref="StartupException">The address cannot be bound.</exception>
    public static Task<RunningRouter> StartAsync(IReadOnlyList<string> args, HostOverrides? overrides = null, CancellationToken cancellationToken = default)
    {
        overrides ??= HostOverrides.None;
        if (CommandLineParser.Parse(args) is not CliCommand.Serve serve)
        {
            throw new UsageException("expected serve options");
        }
        var config = ConfigLoader.Load(SourcesFor(serve.Flags, overrides));
        return StartAsync(config, overrides, cancellationToken);
    }

    /// <inheritdoc cref="StartAsync(IReadOnlyList{string}, HostOverrides?, CancellationToken)"/>
    public static async Task<RunningRouter> StartAsync(RouterConfig config, HostOverrides? overrides = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        overrides ??= HostOverrides.None;
        ListenPolicy.Check(config);
        // Before binding: a route without a key or a broken model file refuses the start with the very lines
        // `edgerouter check` prints. Only the header is read here, once: the memory guard and the load go on with it,
        // while the weights still load in the background.
        var checks = StartupChecks.EnsureCanStart(config, new CredentialResolver(),
            checkModelFile: overrides.GeneratorFactory is null);

        var time = overrides.Time ?? TimeProvider.System;
        var app = Build(config, overrides, time, checks.Models);
        try
        {
            // Before the listener opens: the first request already sees the cooldowns and circuits of the last run.
            await app.Services.GetRequiredService<StatePersister>().StartAsync().ConfigureAwait(false);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (DescribeBindFailure(ex, config.Listen) is { } message)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new StartupException(message, ex);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = BoundAddress(app);
        var loggerFactory = app.Services.GetRequiredService<ILoggerFactory>();
        var logger = loggerFactory.CreateLogger("EdgeRouter.Host");
        if (config.SourceFile is { } file)
        {
            HostLog.ConfigFile(logger, file);
        }
        HostLog.Listening(logger, AppVersion.Current, address.ToString().TrimEnd('/'));
        foreach (var warning in checks.Warnings)
        {
            CheckLog.StartWarning(logger, warning.Text);
        }

        try
        {
            var runtime = app.Services.GetRequiredService<LocalTierRuntime>();
            var reader = app.Services.GetRequiredService<TelemetryReader>();
            var footprints = app.Services.GetRequiredService<ModelFootprints>();
            var plan = ModelLoadPlan.Create(config, overrides, checks.Models, loggerFactory, time, reader.ReadMemory, footprints.Remember);
            var modelLoad = runtime.StartLoading(plan.Description, plan.Load);
            // A separate embedding model loads on its own thread at the same time; "loaded" means both finished.
            if (EmbeddingLoadPlan.Create(config, checks.Models.Embedding, loggerFactory, time, reader.ReadMemory) is not { } embedding)
            {
                HostLog.EmbeddingsServedBy(logger,
                    "served by the chat model with its pooling (a small context is created on first use); set embedding.path for a separate embedding model");
            }
            else
            {
                HostLog.EmbeddingsServedBy(logger, $"loading the separate embedding model {embedding.Description}");
                modelLoad = Task.WhenAll(modelLoad, runtime.StartLoadingEmbeddings(embedding.Description, embedding.Load));
            }
            ObservabilityServices.Started(app.Services, address, modelLoad);
            var lifecycle = ServiceLifecycle.Start(app, SystemdEnvironmentOf(overrides), address, plan.Description, modelLoad, time);
            return new RunningRouter(app, config, address, modelLoad, lifecycle);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal static ConfigSources SourcesFor(ConfigFlags flags, HostOverrides overrides)
    {
        var sources = new ConfigSources { CommandLine = flags };
        if (overrides.Environment is { } environment)
        {
            sources = sources with { Environment = environment };
        }
        if (overrides.ConfigSearchPaths is { } paths)
        {
            sources = sources with { SearchPaths = paths };
        }
        return sources;
    }

    private static SystemdEnvironment SystemdEnvironmentOf(HostOverrides overrides) =>
        SystemdEnvironment.From(overrides.Environment ?? Environment.GetEnvironmentVariable, Environment.ProcessId);

    private static WebApplication Build(RouterConfig config, HostOverrides overrides, TimeProvider time, ModelHeaders headers)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            // Our own flags are not ASP.NET configuration; never let "--listen" etc. reach the config system.
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        LoggingSetup.Configure(builder.Logging, SystemdEnvironmentOf(overrides), overrides.ConfigureLogging);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            KestrelSetup.Configure(kestrel, config.Listen);
            overrides.ConfigureKestrel?.Invoke(kestrel);
        });
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddHostedService<UnobservedTaskExceptionLog>();

        var services = builder.Services;
        services.AddSingleton(time);
        services.AddSingleton(config);
        services.AddSingleton(headers);
        EdgeServices.Add(services, config, time);
        services.AddSingleton(sp => new LocalTierRuntime(config.Gate, config.Embedding, time, sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<ILocalAdmissionPolicy>()));
        services.AddSingleton(sp => sp.GetRequiredService<LocalTierRuntime>().Tier);
        services.AddSingleton(sp => sp.GetRequiredService<LocalTierRuntime>().Embeddings);
        // One path: the router is always the inference service (and the embedding service, over the board's embeddings). Without a cloud section its route table holds only
        // the built-in routes over the local tier, so answers, headers and model lists are the local tier's own.
        services.AddEdgeRouterCloud(config.Cloud);
        // Cooldowns, open circuits and pins outlive a restart (with no upstreams there is nothing to keep).
        services.AddEdgeRouterState(Path.Join(
            DataDirectories.StateDirectory(overrides.Environment ?? Environment.GetEnvironmentVariable, config.StateDirectory),
            StateFile.DefaultFileName));
        services.AddApi();
        services.AddObservability(config, time);
        services.AddRouterMetrics();
        overrides.ConfigureServices?.Invoke(services);

        var app = builder.Build();
        app.UseRequestMetrics();
        app.UseApiErrorBoundary();
        app.UseBrowserCors();
        app.UseAccessControl();
        app.MapApi();
        app.MapObservability();
        app.MapMetrics();
        overrides.ConfigureApp?.Invoke(app);
        return app;
    }

    private static Uri BoundAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First());
    }

    private static string? DescribeBindFailure(Exception exception, ListenEndpoint listen)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case AddressInUseException:
                case SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }:
                    return $"{listen} is already in use; pass --listen HOST:PORT";
                case SocketException { SocketErrorCode: SocketError.AccessDenied }:
                    return $"no permission to listen on {listen}; use a port above 1023 or pass --listen HOST:PORT";
                case SocketException { SocketErrorCode: SocketError.AddressNotAvailable }:
                    return $"{listen.Host} is not an address of this machine; pass --listen HOST:PORT";
            }
        }
        return null;
    }
}
