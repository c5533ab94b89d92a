using System.Runtime.ExceptionServices;
using System.Text;
using System.Threading.Channels;
using EdgeRouter.Core.Inference;

namespace EdgeRouter.Host.Api;

/// <summary>Reading a run's text with the generation's own exception (not a ChannelClosedException) when it fails.</summary>
internal static class RunText
{
    /// <summary>True when text is ready to read, false when the run ended cleanly; throws the generation's failure.</summary>
    public static async ValueTask<bool> WaitAsync(InferenceRun run, CancellationToken cancellationToken)
    {
        try
        {
            return await run.Text.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex) when (ex.InnerException is { } inner)
        {
            ExceptionDispatchInfo.Capture(inner).Throw();
            throw;
        }
    }

    /// <summary>All text and the result, for non-streaming responses.</summary>
    public static async Task<(string Text, GenerationResult Result)> CollectAsync(InferenceRun run, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        while (await WaitAsync(run, cancellationToken).ConfigureAwait(false))
        {
            while (run.Text.TryRead(out var piece))
            {
                text.Append(piece);
            }
        }
        var result = await run.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        return (text.ToString(), result);
    }
}
