using System.Security.Cryptography;
using EdgeRouter.Core.Inference;
using EdgeRouter.Prompts.ToolCalls;

namespace EdgeRouter.Llama.Engine;

/// <summary>
/// Between the decode loop and the request's sink when tools are offered: text that cannot be part of a tool call
/// streams on at once, a call is held back and parsed when generation ends (<see cref="Complete"/>).
/// </summary>
internal sealed class ToolCallSink(ITokenSink inner, ToolCallSyntax syntax, IReadOnlyList<ToolDefinition> tools, bool parallelCalls) : ITokenSink
{
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private readonly ToolCallStreamDetector _detector = new(syntax, Schemas(tools));

    public void OnText(ReadOnlySpan<char> text)
    {
        var released = _detector.Push(text.ToString());
        if (released.Length > 0)
        {
            inner.OnText(released);
        }
    }

    public void OnProgress(int generatedTokens) => inner.OnProgress(generatedTokens);

    public void OnLogprobs(TokenLogprobs logprobs) => inner.OnLogprobs(logprobs);

    /// <summary>Flushes held text that was not a call and attaches the calls to <paramref name="result"/>.</summary>
    public GenerationResult Complete(GenerationResult result)
    {
        var end = _detector.Finish();
        if (end.Content.Length > 0)
        {
            inner.OnText(end.Content);
        }

        if (!end.HasCalls || result.FinishReason == FinishReason.Cancelled)
        {
            return result;
        }

        var calls = end.Calls.Take(parallelCalls ? int.MaxValue : 1)
            .Select(c => new ToolCall(c.Id ?? NewId(syntax.Family), c.Name, c.ArgumentsJson))
            .ToList();
        return result with { ToolCalls = calls };
    }

    private static Dictionary<string, string?> Schemas(IReadOnlyList<ToolDefinition> tools)
    {
        var schemas = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tool in tools)
        {
            schemas.TryAdd(tool.Name, tool.ParametersJson);
        }
        return schemas;
    }

    // Mistral's templates refuse ids that are not 9 alphanumerics; everyone else gets OpenAI-style "call_" ids.
    private static string NewId(ToolCallFamily family) =>
        family == ToolCallFamily.Mistral ? RandomNumberGenerator.GetString(IdAlphabet, 9) : "call_" + RandomNumberGenerator.GetString(IdAlphabet, 24);
}
