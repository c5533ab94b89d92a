using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Credentials;
using EdgeRouter.Gguf;
using EdgeRouter.Host.Config;

namespace EdgeRouter.Host.Check;

/// <summary>
/// The checks the server runs before it binds and `edgerouter check` runs too, so both print the same sentence:
/// every upstream a route can reach has a key, no key goes over plain http, fallbacks do not share a failure domain,
/// no key hides under two references, every failback probe asks what traffic asks, and the model file is a GGUF model llama.cpp can load.
/// </summary>
public static class StartupChecks
{
    /// <summary>Runs the checks for a server start: throws on errors, returns the warnings to log once the log is up.</summary>
    /// <param name="checkModelFile">False when no configured file will be loaded (an injected model or generator).</param>
    /// <exception cref="ConfigException">One line per error, each the exact text `edgerouter check` prints.</exception>
    public static IReadOnlyList<CheckFinding> EnsureCanStart(RouterConfig config, ICredentialResolver credentials, bool checkModelFile)
    {
        var findings = new List<CheckFinding>();
        Collect(config, credentials, checkModelFile, findings);
        var report = new CheckReport(findings);
        return report.HasErrors
            ? throw new ConfigException(string.Join("\n", report.Errors.Select(static f => f.Text)))
            : report.Warnings.ToList();
    }

    /// <returns>The model's validated header when one was checked and is valid.</returns>
    internal static GgufFile? Collect(RouterConfig config, ICredentialResolver credentials, bool checkModelFile, List<CheckFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(config);
        findings.AddRange(CredentialCheck.Run(config.Cloud, credentials));
        findings.AddRange(UpstreamUrlCheck.Run(config.Cloud));
        var secretOf = Keys(credentials);
        findings.AddRange(FailureDomainCheck.Run(config.Cloud, secretOf));
        findings.AddRange(SharedKeyCheck.Run(config.Cloud, secretOf));
        findings.AddRange(ProbeCheck.Run(config.Cloud));
        if (checkModelFile && config.Embedding.Path is { } embedding)
        {
            ModelFileCheck.Run(embedding, findings, embedding: true);
        }
        return checkModelFile && config.Model.Path is { } path ? ModelFileCheck.Run(path, findings) : null;
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
