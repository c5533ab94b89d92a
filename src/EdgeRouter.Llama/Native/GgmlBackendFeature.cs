using System.Runtime.InteropServices;

namespace EdgeRouter.Llama.Native;

/// <summary>
/// struct ggml_backend_feature { const char * name; const char * value; }: the CPU backend's
/// "ggml_backend_get_features" proc returns a {NULL, NULL}-terminated array of these.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GgmlBackendFeature
{
    public byte* name;
    public byte* value;
}
