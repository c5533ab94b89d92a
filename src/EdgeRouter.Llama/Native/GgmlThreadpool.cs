using Microsoft.Win32.SafeHandles;

namespace EdgeRouter.Llama.Native;

/// <summary>
/// A persistent ggml CPU thread pool for one context. Without one, llama.cpp creates and joins its worker threads for
/// every graph (every token), and a token then waits for the slowest thread start on a busy board; an attached pool
/// keeps the workers parked between graphs. poll = 0: parked workers sleep on a condition variable instead of
/// spinning, so an idle router uses no CPU and a loaded board does not lose whole tokens to spin-waits.
/// </summary>
/// <remarks>
/// ggml_threadpool_free joins the workers; a context it is attached to holds a reference, so that happens only
/// after llama_free of that context.
/// </remarks>
internal sealed unsafe class GgmlThreadpool : SafeHandleZeroOrMinusOneIsInvalid
{
    private readonly delegate* unmanaged<IntPtr, void> _free;

    private GgmlThreadpool(delegate* unmanaged<IntPtr, void> free)
        : base(ownsHandle: true)
    {
        _free = free;
    }

    /// <summary>
    /// The pool, or null when the loaded libraries have no CPU backend exposing ggml_threadpool_new (llama.cpp then
    /// keeps its per-graph threads, which is slower but correct).
    /// </summary>
    public static GgmlThreadpool? TryCreate(int threads)
    {
        var cpu = GgmlNative.ggml_backend_reg_by_name("CPU");
        if (cpu == IntPtr.Zero)
        {
            return null;
        }

        var create = (delegate* unmanaged<GgmlThreadpoolParams*, IntPtr>)GgmlNative.ggml_backend_reg_get_proc_address(cpu, "ggml_threadpool_new");
        var free = (delegate* unmanaged<IntPtr, void>)GgmlNative.ggml_backend_reg_get_proc_address(cpu, "ggml_threadpool_free");
        if (create == null || free == null)
        {
            return null;
        }

        GgmlThreadpoolParams parameters;
        GgmlNative.ggml_threadpool_params_init(&parameters, threads);
        parameters.poll = 0;
        // The handle object first, so a pool that exists always has an owner.
        var pool = new GgmlThreadpool(free);
        pool.SetHandle(create(&parameters));
        if (pool.IsInvalid)
        {
            pool.Dispose();
            return null;
        }

        return pool;
    }

    protected override bool ReleaseHandle()
    {
        _free(handle);
        return true;
    }
}
