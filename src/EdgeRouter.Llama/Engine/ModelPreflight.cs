using EdgeRouter.Gguf;

namespace EdgeRouter.Llama.Engine;

/// <summary>
/// What a load checks before llama.cpp sees the file: llama.cpp aborts the process on some malformed files instead of
/// returning an error, and its reasons only reach the log. Reads the header only when the caller has not already.
/// </summary>
internal static class ModelPreflight
{
    /// <param name="path">The full path llama.cpp will load.</param>
    /// <param name="embeddings">Also accept encoder-only and embedding-only architectures (BERT and friends).</param>
    /// <returns>The header the load goes on with: <see cref="LlamaEngineOptions.Header"/>, or the file's.</returns>
    /// <exception cref="FileNotFoundException">No header given and no file at <paramref name="path"/>.</exception>
    /// <exception cref="GgufFormatException">Not a GGUF file llama.cpp could load as the model asked for.</exception>
    /// <exception cref="ArgumentException">The header given was not read from <paramref name="path"/>.</exception>
    public static GgufFile Validate(LlamaEngineOptions options, string path, bool embeddings)
    {
        var file = options.Header ?? Read(path);
        if (file.Path != path)
        {
            // Else the checks below vouch for one file while llama.cpp loads another, and the API reports the header's
            // path (a relative one would change the model's Ollama digest).
            throw new ArgumentException(
                $"The header given was read from {file.Path ?? "a stream"}, not from the model file's full path {path}.", nameof(options));
        }

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

    private static GgufFile Read(string path) =>
        File.Exists(path) ? GgufFile.Read(path) : throw new FileNotFoundException($"Model file not found: {path}", path);
}
