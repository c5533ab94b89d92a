using EdgeRouter.Gguf;
using EdgeRouter.Host.Config;
using EdgeRouter.Memory;
using EdgeRouter.Telemetry;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Hosting;

/// <summary>
/// The memory guard in the load path: sizes weights + KV cache from the GGUF header and refuses the load before
/// llama.cpp allocates, so an oversized model fails with a sentence in /readyz instead of an OOM kill.
/// </summary>
internal static class ModelMemoryCheck
{
    private const long BytesPerMiB = 1024 * 1024;

    /// <exception cref="ModelTooLargeException">The model is known not to fit.</exception>
    public static void Ensure(string path, RouterConfig config, MemoryReading memory, ILogger logger)
    {
        GgufFile file;
        try
        {
            file = GgufFile.Read(path);
        }
        catch (Exception ex) when (ex is GgufFormatException or IOException or UnauthorizedAccessException)
        {
            // Not ours to report: the engine's load names the file and the problem more precisely.
            return;
        }

        var check = Evaluate(file, path, config, memory);
        if (!check.Fits)
        {
            throw new ModelTooLargeException(check);
        }
        HostLog.MemoryChecked(logger, check.Message);
    }

    /// <summary>The guard's verdict for an already-read header; `edgerouter check` reports it without loading.</summary>
    public static MemoryCheck Evaluate(GgufFile file, string path, RouterConfig config, MemoryReading memory)
    {
        var request = new ModelMemoryRequest(config.Model.Name ?? Path.GetFileNameWithoutExtension(path), file.FileSize,
            config.Model.ContextLength, ShapeOf(file));
        return MemoryGuard.Check(request, memory, new MemoryGuardOptions { MarginBytes = config.MemoryGuard.MarginMiB * BytesPerMiB });
    }

    internal static KvCacheShape? ShapeOf(GgufFile file)
    {
        if (file.Architecture is not { } arch)
        {
            return null;
        }
        return KvCacheShape.FromMetadata(
            Signed(file.BlockCount), Signed(file.HeadCount), Signed(file.GetUInt64(GgufKeys.HeadCountKv(arch))),
            Signed(file.EmbeddingLength),
            Signed(file.GetUInt64(arch + ".attention.key_length")), Signed(file.GetUInt64(arch + ".attention.value_length")));
    }

    private static long? Signed(ulong? value) => value is { } v && v <= long.MaxValue ? (long)v : null;
}
