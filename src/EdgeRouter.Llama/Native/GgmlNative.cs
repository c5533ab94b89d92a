using System.Runtime.InteropServices;

namespace EdgeRouter.Llama.Native;

/// <summary>Backend registry of ggml: loading lives in libggml, names/descriptions in libggml-base.</summary>
internal static unsafe partial class GgmlNative
{
    [LibraryImport(NativeLibraryNames.Ggml, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void ggml_backend_load_all_from_path(string? dirPath);

    [LibraryImport(NativeLibraryNames.Ggml, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr ggml_backend_reg_by_name(string name);

    [LibraryImport(NativeLibraryNames.Ggml)]
    public static partial nuint ggml_backend_dev_count();

    [LibraryImport(NativeLibraryNames.Ggml)]
    public static partial IntPtr ggml_backend_dev_get(nuint index);

    [LibraryImport(NativeLibraryNames.GgmlBase)]
    public static partial byte* ggml_backend_reg_name(IntPtr reg);

    [LibraryImport(NativeLibraryNames.GgmlBase, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void* ggml_backend_reg_get_proc_address(IntPtr reg, string name);

    [LibraryImport(NativeLibraryNames.GgmlBase)]
    public static partial void ggml_threadpool_params_init(GgmlThreadpoolParams* parameters, int threads);

    [LibraryImport(NativeLibraryNames.GgmlBase)]
    public static partial byte* ggml_backend_dev_name(IntPtr device);

    [LibraryImport(NativeLibraryNames.GgmlBase)]
    public static partial byte* ggml_backend_dev_description(IntPtr device);

    [LibraryImport(NativeLibraryNames.GgmlBase)]
    public static partial GgmlBackendDevType ggml_backend_dev_type(IntPtr device);

    [LibraryImport(NativeLibraryNames.GgmlBase)]
    public static partial IntPtr ggml_backend_dev_backend_reg(IntPtr device);
}
