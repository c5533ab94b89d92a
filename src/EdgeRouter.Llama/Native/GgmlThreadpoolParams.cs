using System.Runtime.InteropServices;

namespace EdgeRouter.Llama.Native;

/// <summary>
/// struct ggml_threadpool_params (528 bytes): bool cpumask[GGML_MAX_N_THREADS = 512]; int n_threads;
/// enum ggml_sched_priority prio; uint32_t poll; bool strict_cpu; bool paused. Filled by ggml_threadpool_params_init.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GgmlThreadpoolParams
{
    public fixed byte cpumask[512];
    public int n_threads;
    public int prio;

    /// <summary>0 = worker threads sleep on a condition variable between graphs; 1..100 = spin that long first.</summary>
    public uint poll;
    public bool strict_cpu;
    public bool paused;
}
