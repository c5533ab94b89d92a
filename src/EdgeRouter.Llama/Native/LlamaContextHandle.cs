using Microsoft.Win32.SafeHandles;

namespace EdgeRouter.Llama.Native;

/// <summary>
/// A llama_context. It holds a reference on its model, its abort flag and an attached thread pool, released only after
/// llama_free: the weights, the flag llama.cpp polls and the pool's workers outlive the context however its owners
/// dispose them.
/// </summary>
internal sealed class LlamaContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private LlamaModelHandle? _model;
    private AbortFlag? _abort;
    private GgmlThreadpool? _threadpool;

    /// <summary>For the marshaller, which creates the handle a P/Invoke returns.</summary>
    public LlamaContextHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>A context on <paramref name="model"/>, or null when llama.cpp could not create one (its log says why).</summary>
    /// <param name="abort">When given, llama.cpp polls it during every graph and stops the computation once it is set.</param>
    public static unsafe LlamaContextHandle? TryCreate(LlamaModelHandle model, LlamaContextParams parameters, AbortFlag? abort = null)
    {
        if (abort is not null)
        {
            parameters.abort_callback = AbortFlag.Callback;
            parameters.abort_callback_data = abort.Pointer;
        }
        var context = LlamaNative.llama_init_from_model(model, parameters);
        if (context.IsInvalid)
        {
            context.Dispose();
            return null;
        }

        var added = false;
        model.DangerousAddRef(ref added);
        context._model = model;
        if (abort is not null)
        {
            var abortAdded = false;
            abort.DangerousAddRef(ref abortAdded);
            context._abort = abort;
        }
        return context;
    }

    /// <summary>Makes the context compute on <paramref name="threadpool"/> (prompt and decode alike); once per context.</summary>
    public void Attach(GgmlThreadpool threadpool)
    {
        if (_threadpool is not null)
        {
            throw new InvalidOperationException("The context already computes on a thread pool.");
        }

        var added = false;
        threadpool.DangerousAddRef(ref added);
        _threadpool = threadpool;
        LlamaNative.llama_attach_threadpool(this, threadpool, threadpool);
    }

    protected override bool ReleaseHandle()
    {
        LlamaNative.llama_free(handle);
        _threadpool?.DangerousRelease();
        _abort?.DangerousRelease();
        _model?.DangerousRelease();
        return true;
    }
}
