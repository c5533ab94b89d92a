namespace EdgeRouter.Host.Observability.Metrics;

/// <summary>Endpoint metadata marking a generation or embedding endpoint whose requests are counted, and under which surface label.</summary>
public sealed record RequestSurface(string Name)
{
    public static readonly RequestSurface OpenAiChat = new("openai_chat");
    public static readonly RequestSurface OpenAiCompletions = new("openai_completions");
    public static readonly RequestSurface OllamaChat = new("ollama_chat");
    public static readonly RequestSurface OllamaGenerate = new("ollama_generate");
    public static readonly RequestSurface OpenAiEmbeddings = new("openai_embeddings");
    public static readonly RequestSurface OllamaEmbed = new("ollama_embed");
    public static readonly RequestSurface OllamaEmbeddings = new("ollama_embeddings");
}
