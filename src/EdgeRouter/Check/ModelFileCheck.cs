using EdgeRouter.Gguf;

namespace EdgeRouter.Host.Check;

/// <summary>
/// The managed GGUF validator on the configured model, before llama.cpp ever sees it: llama.cpp aborts the process on
/// some malformed files, so a broken download must stop here with a sentence naming the file and the problem.
/// Reads only the header (fast even for a large model), so the server runs it before binding.
/// </summary>
internal static class ModelFileCheck
{
    private static readonly GgufValidationOptions EmbeddingValidation = new() { SupportedArchitectures = GgufArchitectures.SupportedForEmbeddings };

    /// <returns>The header as read (null when it could not be) and whether it is valid; any problem is added to <paramref name="findings"/>.</returns>
    public static (GgufFile? Header, bool Valid) Run(string path, ICollection<CheckFinding> findings) => Run(path, findings, embedding: false);

    /// <param name="embedding">The embedding model: encoder-only architectures (BERT and friends) are valid too.</param>
    public static (GgufFile? Header, bool Valid) Run(string path, ICollection<CheckFinding> findings, bool embedding)
    {
        var subject = embedding ? $"embedding model {path}" : $"model {path}";
        if (Directory.Exists(path))
        {
            findings.Add(CheckFinding.Error(subject, "is a directory, not a GGUF file"));
            return (null, false);
        }
        if (!File.Exists(path))
        {
            findings.Add(CheckFinding.Error(subject, "file does not exist"));
            return (null, false);
        }
        var validation = embedding ? EmbeddingValidation : GgufValidationOptions.Default;
        GgufFile? file = null;
        try
        {
            // The full path: the load goes on with this header, and the API reports the path it was read from.
            file = GgufFile.Read(Path.GetFullPath(path), validation.ReadOptions);
            GgufValidator.Check(file, validation);
            return (file, true);
        }
        catch (GgufFormatException ex)
        {
            var at = ex.ByteOffset is { } offset && !ex.Problem.Contains($"byte {offset}", StringComparison.Ordinal) ? $" (at byte {offset})" : string.Empty;
            findings.Add(CheckFinding.Error(subject, $"not a valid GGUF model: {ex.Problem}{at}"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            findings.Add(CheckFinding.Error(subject, $"cannot be read: {ex.Message}"));
        }
        return (file, false);
    }
}
