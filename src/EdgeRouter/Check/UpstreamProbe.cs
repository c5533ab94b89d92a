using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Credentials;
using EdgeRouter.Cloud.Upstreams;

namespace EdgeRouter.Host.Check;

/// <summary>
/// `check --probe`: exactly the failback probe the router would send (<see cref="UpstreamClient.ProbeAsync"/> over the
/// upstream's own transport, base URL, model and key, its configured probe kind and timeout), so a check that passes
/// means the router's probes will pass too. Classified exactly as the router classifies a failed attempt.
/// </summary>
internal static class UpstreamProbe
{
    public static async Task<CheckFinding> RunAsync(UpstreamConfig upstream, FailbackConfig failback, Secret? key, TimeProvider time,
        CancellationToken cancellationToken)
    {
        using var handler = UpstreamHttp.CreateHandler(upstream);
        using var http = new HttpClient(handler);
        UpstreamHttp.ConfigureClient(http);
        var client = new UpstreamClient(upstream, http, key, time);
        var kind = upstream.Probe ?? failback.Probe;
        var failure = await client.ProbeAsync(kind, failback.ProbeMaxTokens, failback.ProbeTimeout, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        var subject = $"upstream '{upstream.Name}'";
        var probe = client.DescribeProbe(kind);
        return failure is null
            ? CheckFinding.Info(subject, $"probe {probe}: answered")
            : CheckFinding.Error(subject, $"probe {probe} failed: {failure.Class.ToString().ToLowerInvariant()} ({failure.Reason}): {failure.Message}");
    }
}
