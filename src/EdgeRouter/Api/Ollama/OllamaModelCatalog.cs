using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api.Ollama;

/// <summary>
/// How a model looks to Ollama clients: a digest, a modification time and the details block. The digest is the
/// SHA-256 of path, size and mtime (never of the file: that would read a gigabyte per /api/tags), cached per path.
/// </summary>
internal sealed class OllamaModelCatalog
{
    private readonly ConcurrentDictionary<string, FileFacts> _facts = new(StringComparer.Ordinal);

    public sealed record FileFacts(long Size, DateTimeOffset ModifiedAt, string Digest);

    public FileFacts Facts(ModelInfo model)
    {
        var (size, modified) = Stat(model);
        if (_facts.TryGetValue(model.Path, out var cached) && cached.Size == size && cached.ModifiedAt == modified)
        {
            return cached;
        }
        var identity = string.Create(CultureInfo.InvariantCulture, $"{model.Path}\n{size}\n{modified.UtcTicks}");
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
        var facts = new FileFacts(size, modified, digest);
        _facts[model.Path] = facts;
        return facts;
    }

    public static OllamaModelDetails Details(ModelInfo model) => new()
    {
        Family = model.Architecture,
        Families = [model.Architecture],
        ParameterSize = OllamaFormat.ParameterSize(model.ParameterCount),
        QuantizationLevel = model.Quantization,
    };

    private static (long Size, DateTimeOffset Modified) Stat(ModelInfo model)
    {
        try
        {
            var file = new FileInfo(model.Path);
            if (file.Exists)
            {
                return (file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // Fall back to what the engine reported at load time.
        }
        return (model.FileBytes, model.LoadedAt);
    }
}
