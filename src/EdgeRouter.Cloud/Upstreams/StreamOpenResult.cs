using EdgeRouter.Cloud.Failures;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Cloud.Upstreams;

/// <summary>An attempt either reached its first token (committed) or failed before it, which still allows failover.</summary>
public abstract record StreamOpenResult
{
    private StreamOpenResult() { }

    public sealed record Committed(UpstreamStream Stream) : StreamOpenResult;

    public sealed record Failed(TierFailure Failure) : StreamOpenResult;
}
