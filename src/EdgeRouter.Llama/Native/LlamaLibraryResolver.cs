using System.Reflection;
using System.Runtime.InteropServices;

namespace EdgeRouter.Llama.Native;

/// <summary>
/// Maps the logical [LibraryImport] names to the configured files. Registered once per process
/// (SetDllImportResolver throws on a second call) and pointed at a location before the first P/Invoke.
/// </summary>
internal static class LlamaLibraryResolver
{
    private static readonly Lock Gate = new();
    private static bool s_registered;
    private static NativeLibraryLocation? s_location;
    private static IntPtr s_llamaHandle;
    private static IntPtr s_ggmlHandle;
    private static IntPtr s_ggmlBaseHandle;

    public static void Use(NativeLibraryLocation libraryLocation, IntPtr loadedLlama)
    {
        lock (Gate)
        {
            s_location = libraryLocation;
            s_llamaHandle = loadedLlama;
            s_ggmlHandle = IntPtr.Zero;
            s_ggmlBaseHandle = IntPtr.Zero;
            if (!s_registered)
            {
                NativeLibrary.SetDllImportResolver(typeof(LlamaLibraryResolver).Assembly, Resolve);
                s_registered = true;
            }
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        lock (Gate)
        {
            if (s_location is null)
            {
                return IntPtr.Zero;
            }

            return libraryName switch
            {
                NativeLibraryNames.Llama => s_llamaHandle,
                NativeLibraryNames.Ggml => LoadSibling(NativeLibraryNames.Ggml, ref s_ggmlHandle),
                NativeLibraryNames.GgmlBase => LoadSibling(NativeLibraryNames.GgmlBase, ref s_ggmlBaseHandle),
                _ => IntPtr.Zero,
            };
        }
    }

    private static IntPtr LoadSibling(string logicalName, ref IntPtr cache)
    {
        if (cache != IntPtr.Zero)
        {
            return cache;
        }

        // libllama already pulled its ggml dependencies in through RUNPATH $ORIGIN, so loading the same file by
        // absolute path only bumps a refcount; a zero result falls back to default probing (system installs).
        var path = s_location!.FindSibling(logicalName);
        if (path is not null && NativeLibrary.TryLoad(path, out var handle))
        {
            cache = handle;
        }

        return cache;
    }
}
