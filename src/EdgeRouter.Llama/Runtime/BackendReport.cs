using System.Text;
using EdgeRouter.Llama.Native;

namespace EdgeRouter.Llama.Runtime;

/// <summary>Reads the ggml device registry so the log says which backend (and which CPU variant) will run.</summary>
internal static unsafe class BackendReport
{
    public static IReadOnlyList<LlamaBackendDevice> Describe()
    {
        var count = (int)GgmlNative.ggml_backend_dev_count();
        var devices = new List<LlamaBackendDevice>(count);
        for (var i = 0; i < count; i++)
        {
            var device = GgmlNative.ggml_backend_dev_get((nuint)i);
            var reg = GgmlNative.ggml_backend_dev_backend_reg(device);
            devices.Add(new LlamaBackendDevice(
                Backend: reg == IntPtr.Zero ? "?" : NativeText.Utf8(GgmlNative.ggml_backend_reg_name(reg)),
                Name: NativeText.Utf8(GgmlNative.ggml_backend_dev_name(device)),
                Description: NativeText.Utf8(GgmlNative.ggml_backend_dev_description(device)),
                Type: GgmlNative.ggml_backend_dev_type(device).ToString(),
                Features: reg == IntPtr.Zero ? string.Empty : Features(reg)));
        }

        return devices;
    }

    /// <summary>"AVX2 FMA AVX512 ..." from the optional ggml_backend_get_features proc (CPU backends have it).</summary>
    private static string Features(IntPtr reg)
    {
        var proc = GgmlNative.ggml_backend_reg_get_proc_address(reg, "ggml_backend_get_features");
        if (proc == null)
        {
            return string.Empty;
        }

        var features = ((delegate* unmanaged<IntPtr, GgmlBackendFeature*>)proc)(reg);
        var builder = new StringBuilder();
        for (var f = features; f != null && f->name != null; f++)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            var value = NativeText.Utf8(f->value);
            builder.Append(NativeText.Utf8(f->name));
            if (value != "1")
            {
                builder.Append('=').Append(value);
            }
        }

        return builder.ToString();
    }
}
