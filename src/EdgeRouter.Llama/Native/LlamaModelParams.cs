using System.Runtime.InteropServices;

namespace EdgeRouter.Llama.Native;

/// <summary>
/// struct llama_model_params of llama.cpp 0.5.0: 80 bytes on LP64. Not the pre-2025 layout (no use_mmap/use_mlock);
/// offsets are pinned by a layout test.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LlamaModelParams
{
    public IntPtr devices;
    public IntPtr tensor_buft_overrides;
    public int n_gpu_layers;
    public LlamaSplitMode split_mode;
    public LlamaLoadMode load_mode;
    public LlamaLazyMode lazy_mode;
    public int main_gpu;
    public float* tensor_split;
    public delegate* unmanaged<float, void*, byte> progress_callback;
    public void* progress_callback_user_data;
    public IntPtr kv_overrides;
    public bool vocab_only;
    public bool check_tensors;
    public bool use_extra_bufts;
    public bool no_host;
    public bool no_alloc;
    public bool load_mtp;
}
