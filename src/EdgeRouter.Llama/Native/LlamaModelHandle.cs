using Microsoft.Win32.SafeHandles;

namespace EdgeRouter.Llama.Native;

/// <summary>
/// A llama_model (the weights). Every context made on it holds a reference, so llama_model_free runs only after
/// the last of them is freed, whatever order the owners dispose in (or the finalizer runs in).
/// </summary>
internal sealed class LlamaModelHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>For the marshaller, which creates the handle a P/Invoke returns.</summary>
    public LlamaModelHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        LlamaNative.llama_model_free(handle);
        return true;
    }
}
