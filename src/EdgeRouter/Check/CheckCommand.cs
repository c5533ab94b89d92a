using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Credentials;
using EdgeRouter.Gguf;
using EdgeRouter.Host.Config;
using EdgeRouter.Host.Hosting;
using EdgeRouter.Edge.Reporting;
using EdgeRouter.Edge.Telemetry;

namespace EdgeRouter.Host.Check;

/// <summary>
/// `edgerouter check [--probe]`: the server's start checks plus what only an operator at a shell wants to see before
/// a restart (memory fit, the board's state, the native library and its CPU variant, optionally one call per upstream). Never binds a
/// port and never loads the weights.
/// </summary>
internal static class CheckCommand
{
    public static async Task<CheckReport> RunAsync(ConfigSources sources, bool probe, ICredentialResolver credentials, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var findings = new List<CheckFinding>();
        RouterConfig config;
        try
        {
            config = ConfigLoader.Load(sources);
        }
        catch (ConfigException ex)
        {
            findings.AddRange(ex.Message.Split('\n').Select(static line => CheckFinding.Error("config", line)));
            return new CheckReport(findings);
        }
        findings.Add(CheckFinding.Info("config", config.SourceFile is { } file ? $"read from {file}" : "no config file: built-in defaults, environment and flags"));

        var models = StartupChecks.Collect(config, credentials, checkModelFile: true, findings);
        var telemetry = new TelemetryReader(new TelemetryOptions { Root = config.Telemetry.Root, SocZoneType = config.Thermal.ZoneType }, time);
        findings.Add(EmbeddingFinding(config, models.Embedding, telemetry.ReadMemory()));
        if (config.Model.Path is null)
        {
            findings.Add(CheckFinding.Info("model", "none configured: the built-in demo model (random weights) would be served"));
            findings.Add(Finding("model edgerouter-demo", ModelMemoryCheck.PlanDemo(config, EmbeddingMemory.AfterEmbedding(models.Embedding, config, telemetry.ReadMemory())), prefix: string.Empty));
        }
        else if (models.Model is { } model)
        {
            findings.Add(MemoryFit(model, config.Model.Path, config, EmbeddingMemory.AfterEmbedding(models.Embedding, config, telemetry.ReadMemory())));
            findings.Add(ChatTemplateCheck.Run(model, time));
        }
        findings.AddRange(EdgeReport.Describe(telemetry.Read()).Select(static line => BoardLine(line)));
        findings.Add(NativeLibraryCheck.Run(config.Model));

        if (probe)
        {
            foreach (var upstream in config.Cloud.Upstreams)
            {
                if (KeyOf(upstream, credentials) is { IsResolved: true } key)
                {
                    findings.Add(await UpstreamProbe.RunAsync(upstream, config.Cloud.Failback, key.Secret, time, cancellationToken)
                        .ConfigureAwait(false));
                }
            }
        }
        return new CheckReport(findings);
    }

    private static CheckFinding MemoryFit(GgufFile model, string path, RouterConfig config, MemoryReading memory) =>
        Finding($"model {path}", ModelMemoryCheck.Plan(model, path, config, memory), prefix: "valid GGUF; ");

    /// <summary>Which model serves /v1/embeddings and /api/embed, and (for a separate one) the memory it needs.</summary>
    private static CheckFinding EmbeddingFinding(RouterConfig config, GgufFile? embedding, MemoryReading memory)
    {
        if (config.Embedding.Path is not { } path)
        {
            return CheckFinding.Info("embeddings", "served by the chat model with its pooling (mean when it declares none); set embedding.path for a separate embedding model");
        }

        return EmbeddingMemory.Check(embedding, config, memory) switch
        {
            null => CheckFinding.Info("embeddings", $"served by {path} (header unreadable: see its own finding)"),
            { Fits: true } fits => CheckFinding.Info("embeddings", $"served by {path}; {fits.Message}"),
            var tooLarge => CheckFinding.Error("embeddings", tooLarge.Message),
        };
    }

    /// <summary>The window the server would choose and the memory it needs (an error when it cannot fit).</summary>
    private static CheckFinding Finding(string subject, MemoryPlan plan, string prefix) =>
        plan.Check.Fits ? CheckFinding.Info(subject, prefix + plan.Summary) : CheckFinding.Error(subject, plan.Summary);

    /// <summary>EdgeReport's "name: value" lines, the name as the subject.</summary>
    private static CheckFinding BoardLine(string line)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 ? CheckFinding.Info(line[..colon], line[(colon + 2)..]) : CheckFinding.Info("board", line);
    }

    /// <summary>Null for a malformed reference (already a config error); unresolved keys are the credential check's errors.</summary>
    private static CredentialResult? KeyOf(UpstreamConfig upstream, ICredentialResolver credentials) =>
        CredentialReference.TryParse(upstream.Credential, out var reference, out _) ? credentials.Resolve(reference) : null;
}
