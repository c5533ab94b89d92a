using System.Text;
using EdgeRouter.Core.Inference;

namespace EdgeRouter.Tests.Llama.Engine;

public sealed class RecordingSink : ITokenSink
{
    private readonly StringBuilder _text = new();

    public string Text => _text.ToString();

    public List<string> Pieces { get; } = [];

    public List<int> Progress { get; } = [];

    public List<TokenLogprobs> Logprobs { get; } = [];

    /// <summary>Runs after each progress report, e.g. to cancel or to try a re-entrant call.</summary>
    public Action<int>? OnProgressHook { get; init; }

    public void OnText(ReadOnlySpan<char> text)
    {
        _text.Append(text);
        Pieces.Add(text.ToString());
    }

    public void OnLogprobs(TokenLogprobs logprobs) => Logprobs.Add(logprobs);

    public void OnProgress(int generatedTokens)
    {
        Progress.Add(generatedTokens);
        OnProgressHook?.Invoke(generatedTokens);
    }
}
