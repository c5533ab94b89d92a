using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace EdgeRouter.Llama.Native;

/// <summary>
/// A flag in native memory that llama.cpp's abort callback polls. The CPU backend calls the callback for every
/// graph node (thousands per token), so it is one volatile read, no GC handle, no managed object access.
/// </summary>
/// <remarks>
/// A context it is handed to holds a reference (<see cref="LlamaContextHandle.TryCreate"/>), so the memory is freed
/// only after llama_free of that context, whatever order the owners dispose in.
/// </remarks>
internal sealed unsafe class AbortFlag : SafeHandleZeroOrMinusOneIsInvalid
{
    public AbortFlag()
        : base(ownsHandle: true) => SetHandle((IntPtr)NativeMemory.AllocZeroed(sizeof(int)));

    public static delegate* unmanaged<void*, byte> Callback => &ShouldAbort;

    /// <summary>Passed as abort_callback_data.</summary>
    public void* Pointer => (void*)handle;

    public bool IsSet => Volatile.Read(ref *(int*)handle) != 0;

    public void Set() => Volatile.Write(ref *(int*)handle, 1);

    public void Reset() => Volatile.Write(ref *(int*)handle, 0);

    protected override bool ReleaseHandle()
    {
        NativeMemory.Free((void*)handle);
        return true;
    }

    [UnmanagedCallersOnly]
    private static byte ShouldAbort(void* data)
    {
        try
        {
            return data != null && Volatile.Read(ref *(int*)data) != 0 ? (byte)1 : (byte)0;
        }
#pragma warning disable CA1031 // an exception must never unwind into native code
        catch (Exception)
        {
            return 0;
        }
#pragma warning restore CA1031
    }
}
