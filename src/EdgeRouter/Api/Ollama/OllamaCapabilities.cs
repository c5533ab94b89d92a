using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api.Ollama;

/// <summary>
/// /api/show's "capabilities", from what the engine says the loaded model can do (<see cref="ModelInfo.Capabilities"/>).
/// Only what is true is listed: a client that sees "tools" sends tools, and one that sees "embedding" calls /api/embed.
/// </summary>
internal static class OllamaCapabilities
{
    public static List<string> Of(ModelInfo model)
    {
        var capabilities = model.Capabilities;
        var names = new List<string>(4);
        Add(ModelCapabilities.Completion, "completion");
        Add(ModelCapabilities.Tools, "tools");
        Add(ModelCapabilities.Insert, "insert");
        Add(ModelCapabilities.Embedding, "embedding");
        return names;

        void Add(ModelCapabilities flag, string name)
        {
            if (capabilities.HasFlag(flag))
            {
                names.Add(name);
            }
        }
    }
}
