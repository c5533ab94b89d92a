using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Credentials;
using EdgeRouter.Host.Config;

namespace EdgeRouter.Host.Check;

/// <summary>
/// The checks the server runs before it binds and `edgerouter check` runs too, so both print the same sentence:
/// every upstream a route can reach has a key, no key goes over plain http, fallbacks do not share a failure domain,
/// no key hides under two references, every failback probe asks what traffic asks, and the model file is a GGUF model llama.cpp can load.
/// </summary>
public static class StartupChecks
{
    /// <summary>Runs the checks for a server start: throws on errors, returns the model headers they read and the warnings to log once the log is up.</summary>
    /// <param name="checkModelFile">False when the chat model is not loaded from its configured file (an injected generator).</param>
    /// <exception cref="ConfigException">One line per error, each the exact text `edgerouter check` prints.</exception>
    public static StartCheckResult EnsureCanStart(RouterConfig config, ICredentialResolver credentials, bool checkModelFile)
    {
        var findings = new List<CheckFinding>();
        var models = Collect(config, credentials, checkModelFile, findings);
        var report = new CheckReport(findings);
        return report.HasErrors
            ? throw new ConfigException(string.Join("\n", report.Errors.Select(static f => f.Text)))
            : new StartCheckResult(report.Warnings.ToList(), models);
    }

    /// <returns>The model headers read, each once; see <see cref="ModelHeaders"/> for which are there.</returns>
    internal static ModelHeaders Collect(RouterConfig config, ICredentialResolver credentials, bool checkModelFile, List<CheckFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(config);
        findings.AddRange(CredentialCheck.Run(config.Cloud, credentials));
        findings.AddRange(UpstreamUrlCheck.Run(config.Cloud));
        var secretOf = Keys(credentials);
        findings.AddRange(FailureDomainCheck.Run(config.Cloud, secretOf));
        findings.AddRange(SharedKeyCheck.Run(config.Cloud, secretOf));
        findings.AddRange(ProbeCheck.Run(config.Cloud));
        // The embedding model is checked even beside an injected generator: it is still loaded from its file.
        var embedding = config.Embedding.Path is { } embeddingPath ? ModelFileCheck.Run(embeddingPath, findings, embedding: true).Header : null;
        var model = checkModelFile && config.Model.Path is { } path && ModelFileCheck.Run(path, findings) is { Valid: true } valid ? valid.Header : null;
        return new ModelHeaders(model, embedding);
    }

    /// <summary>Each upstream's key, resolved once (null for none or unresolvable: the credential check reports those).</summary>
    private static Func<UpstreamConfig, Secret?> Keys(ICredentialResolver credentials)
    {
        var keys = new Dictionary<string, Secret?>(StringComparer.OrdinalIgnoreCase);
        return upstream =>
        {
            if (!keys.TryGetValue(upstream.Name, out var key))
            {
                key = CredentialReference.TryParse(upstream.Credential, out var reference, out _) ? credentials.Resolve(reference).Secret : null;
                keys[upstream.Name] = key;
            }
            return key;
        };
    }
}

/// <summary>A start that passed its checks: the warnings to log once the log is up, and the model headers the checks read.</summary>
public sealed record StartCheckResult(IReadOnlyList<CheckFinding> Warnings, ModelHeaders Models);
