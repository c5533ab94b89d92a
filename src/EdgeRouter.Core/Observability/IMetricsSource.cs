using System.Text;

namespace EdgeRouter.Core.Observability;

/// <summary>
/// Something that appends whole metric families to <c>GET /metrics</c> in Prometheus text format 0.0.4 (one
/// <c># HELP</c>/<c># TYPE</c> pair per family, <c>edgerouter_</c> prefix, base units, counters end in <c>_total</c>).
/// Register implementations as <c>IMetricsSource</c> singletons; each must be cheap and must never throw.
/// </summary>
public interface IMetricsSource
{
    void WriteTo(StringBuilder output);
}
