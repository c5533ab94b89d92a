using Microsoft.Win32.SafeHandles;

namespace EdgeRouter.Llama.Native;

/// <summary>A llama_sampler: a chain, or one sampler until <see cref="Add"/> hands it to a chain.</summary>
internal sealed class LlamaSamplerHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>For the marshaller, which creates the handle a P/Invoke returns.</summary>
    public LlamaSamplerHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>
    /// Appends <paramref name="sampler"/> to this chain, which frees it with itself: the sampler's handle is then
    /// closed without freeing, so nothing frees it twice.
    /// </summary>
    /// <exception cref="LlamaException">llama.cpp could not create <paramref name="sampler"/>.</exception>
    public void Add(LlamaSamplerHandle sampler)
    {
        if (sampler.IsInvalid)
        {
            sampler.Dispose();
            throw new LlamaException("llama.cpp could not create a sampler.");
        }

        LlamaNative.llama_sampler_chain_add(this, sampler);
        sampler.SetHandleAsInvalid();
    }

    protected override bool ReleaseHandle()
    {
        LlamaNative.llama_sampler_free(handle);
        return true;
    }
}
