namespace EdgeRouter.Llama.Runtime;

/// <summary>What <see cref="LlamaRuntime.Initialize"/> found: the loaded library and the ggml devices it registered.</summary>
public sealed record LlamaRuntimeInfo(
    string LibraryPath,
    string LibraryDirectory,
    string Version,
    IReadOnlyList<LlamaBackendDevice> Devices,
    string SystemInfo);

/// <summary>
/// One ggml device, e.g. Backend "CPU", Name "CPU", Description "AMD EPYC ..." and, for the CPU backend, the
/// features its selected variant was compiled with (which identifies the libggml-cpu-*.so that won).
/// </summary>
public sealed record LlamaBackendDevice(string Backend, string Name, string Description, string Type, string Features);
