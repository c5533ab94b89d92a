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

    /// <returns>The validated header, or null with the error added to <paramref name="findings"/>.</returns>
    public static GgufFile? Run(string path, ICollection<CheckFinding> findings) => Run(path, findings, embedding: false);

    /// <param name="embedding">The embedding model: encoder-only architectures (BERT and friends) are valid too.</param>
    public static GgufFile? Run(string path, ICollection<CheckFinding> findings, bool embedding)
    {
        var subject = embedding ? $"embedding model {path}" : $"model {path}";
        if (Directory.Exists(path))
        {
            findings.Add(CheckFinding.Error(subject, "is a directory, not a GGUF file"));
            return null;
        }
        if (!File.Exists(path))
        {
            findings.Add(CheckFinding.Error(subject, "file does not exist"));
            return null;
        }
        try
        {
            return GgufValidator.Validate(path, embedding ? EmbeddingValidation : null);
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
        return null;
    }
}
