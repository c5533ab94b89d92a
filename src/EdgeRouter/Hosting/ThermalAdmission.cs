using EdgeRouter.Local;
using EdgeRouter.Routing;
using EdgeRouter.Thermal;

namespace EdgeRouter.Host.Hosting;

/// <summary>
/// The thermal monitor in Core's terms: <see cref="ILocalAdmissionPolicy"/> for the local tier (hot sheds with 503 +
/// Retry-After) and <see cref="ILocalPressure"/> for the cloud router (warm prefers upstreams, hot skips local).
/// Both read the monitor's last state; nothing here touches the disk.
/// </summary>
internal sealed class ThermalAdmission(ThermalMonitor monitor) : ILocalAdmissionPolicy, ILocalPressure
{
    public LocalAdvice Advise() => monitor.Advice switch
    {
        { Admission: LocalAdmission.Shed } shed => new LocalAdvice.Shed(shed.RetryAfter, shed.Reason),
        { Admission: LocalAdmission.PreferUpstream } warm => new LocalAdvice.PreferUpstream(warm.Threads, warm.Reason),
        _ => LocalAdvice.Accept,
    };

    public LocalPressure Current => monitor.Current.Level switch
    {
        ThermalLevel.Hot => LocalPressure.Hot,
        ThermalLevel.Warm => LocalPressure.Warm,
        _ => LocalPressure.Normal,
    };
}
