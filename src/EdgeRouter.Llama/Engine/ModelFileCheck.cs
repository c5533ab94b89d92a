using EdgeRouter.Gguf;

namespace EdgeRouter.Llama.Engine;

/// <summary>
/// Runs the managed GGUF reader before llama.cpp sees the file: llama.cpp aborts the process on some malformed
/// files instead of returning an error, and its reasons only reach the log.
/// </summary>
internal static class ModelFileCheck
{
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="GgufFormatException">Not a GGUF file llama.cpp could load as a text generator.</exception>
    public static GgufFile Validate(string path) => Validate(path, embeddings: false);

    /// <param name="embeddings">Also accept encoder-only and embedding-only architectures (BERT and friends).</param>
    public static GgufFile Validate(string path, bool embeddings)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Model file not found: {path}", path);
        }

        var file = GgufFile.Read(path);
        if (file.Architecture is not { } architecture)
        {
            throw new GgufFormatException("general.architecture is missing", path);
        }

        if (embeddings && !GgufArchitectures.IsSupportedForEmbeddings(architecture))
        {
            throw new GgufFormatException($"architecture '{architecture}' is not one llama.cpp 0.5 can embed with", path);
        }

        if (!embeddings && !GgufArchitectures.IsSupported(architecture))
        {
            throw new GgufFormatException(
                $"architecture '{architecture}' is not a text-generation architecture llama.cpp 0.5 can run " +
                $"(supported: {GgufArchitectures.SupportedList})", path);
        }

        return file;
    }
}
