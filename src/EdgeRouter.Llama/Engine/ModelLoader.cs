using System.Runtime.InteropServices;
using EdgeRouter.Llama.Native;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Llama.Engine;

/// <summary>Loads GGUF weights with the options' model parameters: the one place a llama_model is created.</summary>
internal static unsafe class ModelLoader
{
    /// <param name="kind">How the failure names the file: "model" or "embedding model".</param>
    /// <param name="progressLog">Where each loaded 10% is logged; null keeps llama.cpp's own progress dots in its log.</param>
    /// <exception cref="LlamaException">llama.cpp could not load the file.</exception>
    public static LlamaModelHandle Load(string path, LlamaEngineOptions options, string kind, ILogger? progressLog)
    {
        var parameters = LlamaNative.llama_model_default_params();
        if (options.GpuLayers is { } gpuLayers)
        {
            parameters.n_gpu_layers = gpuLayers;
        }

        var progress = progressLog is null ? default : GCHandle.Alloc(new LoadProgress(progressLog, path));
        try
        {
            if (progress.IsAllocated)
            {
                parameters.progress_callback = LoadProgress.Callback;
                parameters.progress_callback_user_data = (void*)GCHandle.ToIntPtr(progress);
            }

            var model = LlamaNative.llama_model_load_from_file(path, parameters);
            if (model.IsInvalid)
            {
                model.Dispose();
                throw new LlamaException($"llama.cpp could not load the {kind} {path}; the llama.cpp log above says why.");
            }

            return model;
        }
        finally
        {
            if (progress.IsAllocated)
            {
                progress.Free();
            }
        }
    }
}
