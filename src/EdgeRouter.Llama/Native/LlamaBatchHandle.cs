using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace EdgeRouter.Llama.Native;

/// <summary>
/// A batch from llama_batch_init. llama.cpp returns the struct by value, so it is kept in native memory and the
/// handle is its address: one pointer that owns the struct and, through it, the arrays llama_batch_free frees.
/// </summary>
internal sealed unsafe class LlamaBatchHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private LlamaBatchHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Room for <paramref name="tokens"/> tokens with up to <paramref name="sequencesPerToken"/> sequence ids each.</summary>
    public static LlamaBatchHandle Allocate(int tokens, int sequencesPerToken)
    {
        var batch = new LlamaBatchHandle();
        // Zeroed and owned before llama_batch_init fills it: llama_batch_free skips NULL arrays.
        batch.SetHandle((IntPtr)NativeMemory.AllocZeroed((nuint)sizeof(LlamaBatch)));
        *(LlamaBatch*)batch.handle = LlamaNative.llama_batch_init(tokens, 0, sequencesPerToken);
        return batch;
    }

    /// <summary>The batch, filled in place before each call and passed by value.</summary>
    public ref LlamaBatch Value
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return ref *(LlamaBatch*)handle;
        }
    }

    protected override bool ReleaseHandle()
    {
        var batch = (LlamaBatch*)handle;
        LlamaNative.llama_batch_free(*batch);
        NativeMemory.Free(batch);
        return true;
    }
}
