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
    private static bool registered;
    private static NativeLibraryLocation? location;
    private static IntPtr llamaHandle;
    private static IntPtr ggmlHandle;
    private static IntPtr ggmlBaseHandle;

    public static void Use(NativeLibraryLocation libraryLocation, IntPtr loadedLlama)
    {
        lock (Gate)
        {
            location = libraryLocation;
            llamaHandle = loadedLlama;
            ggmlHandle = IntPtr.Zero;
            ggmlBaseHandle = IntPtr.Zero;
            if (!registered)
            {
                NativeLibrary.SetDllImportResolver(typeof(LlamaLibraryResolver).Assembly, Resolve);
                registered = true;
            }
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        lock (Gate)
        {
            if (location is null)
            {
                return IntPtr.Zero;
            }

            return libraryName switch
            {
                NativeLibraryNames.Llama => llamaHandle,
                NativeLibraryNames.Ggml => LoadSibling(NativeLibraryNames.Ggml, ref ggmlHandle),
                NativeLibraryNames.GgmlBase => LoadSibling(NativeLibraryNames.GgmlBase, ref ggmlBaseHandle),
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
        var path = location!.FindSibling(logicalName);
        if (path is not null && NativeLibrary.TryLoad(path, out var handle))
        {
            cache = handle;
        }

        return cache;
    }
}
