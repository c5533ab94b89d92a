using EdgeRouter.Core.Inference;
using EdgeRouter.Host.Config;
using EdgeRouter.Tests.Cloud.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeRouter.Tests.Support;

/// <summary>How <see cref="TestRouter"/> starts the host. Everything is optional; an empty instance is the hermetic default.</summary>
public sealed record TestRouterOptions
{
    /// <summary>Serve flags after "--listen" (e.g. "--model", path).</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Starts from this record instead of flags and config files (always on 127.0.0.1:0).</summary>
    public RouterConfig? Config { get; init; }

    /// <summary>The "--listen" flag. <value>127.0.0.1:0.</value></summary>
    public string Listen { get; init; } = "127.0.0.1:0";

    /// <summary>Written to the router's own directory and passed as "--config".</summary>
    public string? ConfigJson { get; init; }

    /// <summary>The generator behind the real local tier. <value>A new one.</value></summary>
    public FakeTextGenerator? Fake { get; init; }

    /// <summary>Builds the local model instead of returning <see cref="Fake"/>.</summary>
    public Func<RouterConfig, ITextGenerator>? Factory { get; init; }

    /// <summary>No injected generator: the host loads the configured GGUF (or the demo model) with llama.cpp.</summary>
    public bool LlamaEngine { get; init; }

    /// <summary>
    /// Exactly the environment variables the host sees, plus XDG_STATE_HOME in the router's own directory unless given
    /// (so a cloud config's state file never lands in, or is read from, the real home).
    /// </summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>A loopback upstream the config points at; the router owns it: stopped after the router, also when the start fails.</summary>
    public FaultyUpstream? Upstream { get; init; }

    /// <summary>The clock. <value>A new manual clock.</value></summary>
    public ManualTimeProvider? Time { get; init; }

    /// <summary>Where the host logs. <value>A new capture.</value> Given, a test reads it even when the start throws.</summary>
    public LogCapture? Logs { get; init; }

    public Action<KestrelServerOptions>? ConfigureKestrel { get; init; }

    public Action<IServiceCollection>? ConfigureServices { get; init; }

    public Action<WebApplication>? ConfigureApp { get; init; }

    /// <summary>Waits for the model load before returning (a failed load does not throw: /readyz reports it).</summary>
    public bool WaitUntilReady { get; init; } = true;

    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
