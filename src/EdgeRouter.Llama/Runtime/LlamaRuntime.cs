using System.Runtime.InteropServices;
using EdgeRouter.Llama.Native;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Llama.Runtime;

/// <summary>
/// Process-wide llama.cpp setup, done once: load libllama, refuse a version whose struct layouts differ, route the
/// native log, load the ggml backends from the library directory, then llama_backend_init.
/// </summary>
/// <remarks>
/// Order matters: llama_version() is read through a raw export before any P/Invoke is bound, and
/// ggml_backend_load_all_from_path runs before llama_backend_init, which would otherwise search next to
/// /proc/self/exe (the dotnet host under `dotnet app.dll`) and find no CPU backend.
/// </remarks>
public static class LlamaRuntime
{
    private static readonly Lock Gate = new();
    private static LlamaRuntimeInfo? s_current;

    /// <summary>The initialized runtime, or null before <see cref="Initialize"/> succeeded.</summary>
    public static LlamaRuntimeInfo? Current => Volatile.Read(ref s_current);

    /// <summary>
    /// Idempotent and thread-safe. <paramref name="libraryPath"/> names a libllama file (e.g. a CUDA build);
    /// otherwise <paramref name="libraryDirectory"/> (default: the app directory) holds the pinned files.
    /// </summary>
    /// <exception cref="LlamaLibraryException">Missing or unloadable library, wrong version, no backend, or a
    /// second initialization pointing at a different library.</exception>
    public static LlamaRuntimeInfo Initialize(string? libraryPath, string? libraryDirectory, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var location = NativeLibraryLocation.Resolve(libraryPath, libraryDirectory);
        lock (Gate)
        {
            if (s_current is not null)
            {
                if (string.Equals(s_current.LibraryPath, location.LlamaPath, StringComparison.Ordinal))
                {
                    return s_current;
                }

                throw new LlamaLibraryException(
                    $"llama.cpp is already loaded from {s_current.LibraryPath}; one process cannot switch to {location.LlamaPath}.");
            }

            var info = InitializeCore(location, logger);
            Volatile.Write(ref s_current, info);
            return info;
        }
    }

    private static unsafe LlamaRuntimeInfo InitializeCore(NativeLibraryLocation location, ILogger logger)
    {
        var handle = Load(location.LlamaPath);
        string version;
        try
        {
            version = ReadVersion(handle, location.LlamaPath);
            LlamaVersion.Check(version, location.LlamaPath);
        }
        catch
        {
            NativeLibrary.Free(handle);
            throw;
        }

        LlamaLibraryResolver.Use(location, handle);
        LlamaLogForwarder.Install(logger);
        LlamaRuntimeLog.Loaded(logger, version, location.LlamaPath);

        GgmlNative.ggml_backend_load_all_from_path(location.Directory);
        LlamaNative.llama_backend_init();

        var devices = BackendReport.Describe();
        foreach (var device in devices)
        {
            LlamaRuntimeLog.Device(logger, device.Backend, device.Name, device.Type, device.Description, device.Features);
        }

        if (devices.Count == 0)
        {
            throw new LlamaLibraryException(
                $"No ggml backend could be loaded from {location.Directory}: it must contain the libggml-cpu-*.so " +
                "variants (or a GPU backend) next to libllama. Run scripts/fetch-native.sh.");
        }

        var systemInfo = NativeText.Utf8(LlamaNative.llama_print_system_info()).Trim();
        LlamaRuntimeLog.SystemInfo(logger, systemInfo);
        return new LlamaRuntimeInfo(location.LlamaPath, location.Directory, version, devices, systemInfo);
    }

    private static IntPtr Load(string path)
    {
        try
        {
            return NativeLibrary.Load(path);
        }
        catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException)
        {
            throw new LlamaLibraryException(
                $"Could not load libllama at {path}: {ex.Message}. Check that it is a llama.cpp {LlamaVersion.Pinned} " +
                "shared library for this CPU architecture and that its libggml*.so dependencies sit in the same directory.",
                ex);
        }
    }

    private static unsafe string ReadVersion(IntPtr handle, string path)
    {
        if (!NativeLibrary.TryGetExport(handle, "llama_version", out var export))
        {
            throw new LlamaLibraryException(
                $"{path} does not export llama_version(), so it is not a llama.cpp {LlamaVersion.Pinned} library. " +
                "Use scripts/fetch-native.sh or a matching build.");
        }

        var text = ((delegate* unmanaged<byte*>)export)();
        return text == null ? string.Empty : NativeText.Utf8(text);
    }
}
