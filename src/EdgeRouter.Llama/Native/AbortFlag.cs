using System.Runtime.InteropServices;

namespace EdgeRouter.Llama.Native;

/// <summary>
/// A flag in native memory that llama.cpp's abort callback polls. The CPU backend calls the callback for every
/// graph node (thousands per token), so it is one volatile read, no GC handle, no managed object access.
/// </summary>
internal sealed unsafe class AbortFlag : IDisposable
{
    private int* _flag = (int*)NativeMemory.AllocZeroed(sizeof(int));

    /// <summary>Passed as abort_callback_data; valid until <see cref="Dispose"/>, which must follow llama_free.</summary>
    public void* Pointer => _flag;

    public static delegate* unmanaged<void*, byte> Callback => &ShouldAbort;

    public bool IsSet => Volatile.Read(ref *_flag) != 0;

    public void Set() => Volatile.Write(ref *_flag, 1);

    public void Reset() => Volatile.Write(ref *_flag, 0);

    public void Dispose()
    {
        if (_flag != null)
        {
            NativeMemory.Free(_flag);
            _flag = null;
        }
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
