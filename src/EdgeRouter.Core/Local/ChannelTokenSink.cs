using System.Threading.Channels;
using EdgeRouter.Core.Gate;
using EdgeRouter.Core.Inference;

namespace EdgeRouter.Core.Local;

/// <summary>Bridges the inference thread to the request thread, and feeds progress to the gate's estimate.</summary>
/// <param name="logprobs">Null unless the request asked for log-probabilities; then one item goes out before each piece.</param>
internal sealed class ChannelTokenSink(ChannelWriter<string> writer, GateLease lease, ChannelWriter<IReadOnlyList<TokenLogprobs>>? logprobs = null)
    : ITokenSink
{
    private List<TokenLogprobs> _pending = [];

    /// <summary>Every token whose text was sent, for the non-streaming answer.</summary>
    public List<TokenLogprobs> Sent { get; } = [];

    public void OnText(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }
        if (logprobs is not null)
        {
            // Tokens whose text was held back (a possible stop string) ride with the piece that finally carries it.
            Sent.AddRange(_pending);
            logprobs.TryWrite(_pending);
            _pending = [];
        }
        // Unbounded: a slow client must never stall the decode loop (it would hold the only slot hostage).
        writer.TryWrite(text.ToString());
    }

    public void OnProgress(int generatedTokens) => lease.ReportProgress(generatedTokens);

    public void OnLogprobs(TokenLogprobs logprobs) => _pending.Add(logprobs);

    /// <summary>Ends both channels; a failure reaches whoever reads the text.</summary>
    public void Complete(Exception? failure = null)
    {
        logprobs?.TryComplete();
        writer.TryComplete(failure);
    }
}
