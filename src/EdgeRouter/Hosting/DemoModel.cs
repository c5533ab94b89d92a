using EdgeRouter.Gguf;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Hosting;

/// <summary>
/// The model served when none is configured, so that a bare `edgerouter` answers requests: the generator's tiny shape,
/// Q8_0, seed 42. Deterministic, a fraction of a megabyte, generated once into the data directory.
/// </summary>
internal static class DemoModel
{
    public const string Name = "edgerouter-demo";
    public const ulong Seed = 42;
    public const string FileName = "edgerouter-demo-tiny-ctx32k-q8_0-seed42.gguf";

    /// <summary>
    /// The tiny shape with a 32K trained context: its KV cache is 256 bytes a token, so the automatic window reaches
    /// the 32K ceiling and an agent that refuses small windows accepts the demo (the name changed with it, so an old
    /// 2K demo file is regenerated rather than reused).
    /// </summary>
    public static ModelSpec Spec { get; } = new()
    {
        Shape = ModelShape.Tiny with { ContextLength = 32768 },
        TensorType = GgufTensorType.Q8_0,
        Seed = Seed,
        Name = Name,
    };

    /// <summary>The header of the demo model at <paramref name="path"/>, generating the file first if it is missing or unreadable.</summary>
    /// <returns>The header, read once: the memory guard and the load go on with it.</returns>
    public static GgufFile Ensure(string path, ILogger logger)
    {
        // The full path: the load goes on with this header, and the API reports the path it was read from.
        path = Path.GetFullPath(path);
        if (ReadIntact(path) is { } intact)
        {
            return intact;
        }
        HostLog.GeneratingDemoModel(logger, path);
        ModelGenerator.Generate(Spec, path);
        return GgufFile.Read(path);
    }

    private static GgufFile? ReadIntact(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            var file = GgufFile.Read(path);
            return file.FileSize == ModelGenerator.ComputeFileSize(Spec) ? file : null;
        }
        catch (Exception ex) when (ex is GgufFormatException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
