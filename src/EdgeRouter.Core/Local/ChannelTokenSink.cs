using System.Threading.Channels;
using EdgeRouter.Gate;
using EdgeRouter.Inference;

namespace EdgeRouter.Local;

/// <summary>Bridges the inference thread to the request thread, and feeds progress to the gate's estimate.</summary>
internal sealed class ChannelTokenSink(ChannelWriter<string> writer, GateLease lease) : ITokenSink
{
    public void OnText(ReadOnlySpan<char> text)
    {
        if (!text.IsEmpty)
        {
            // Unbounded: a slow client must never stall the decode loop (it would hold the only slot hostage).
            writer.TryWrite(text.ToString());
        }
    }

    public void OnProgress(int generatedTokens) => lease.ReportProgress(generatedTokens);
}
