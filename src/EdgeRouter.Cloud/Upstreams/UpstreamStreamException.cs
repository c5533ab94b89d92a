using EdgeRouter.Cloud.Failures;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Cloud.Upstreams;

/// <summary>
/// An upstream stream failed after its first token, so no failover is possible: the run's text channel and
/// completion fault with this, and the raw stream ends with an explicit error event (never <c>[DONE]</c>).
/// </summary>
public sealed class UpstreamStreamException(string upstream, TierFailure failure)
    : Exception($"upstream '{upstream}' failed mid-stream: {failure.Message}")
{
    public string Upstream { get; } = upstream;

    public TierFailure Failure { get; } = failure;
}
