using System.Threading.Channels;

namespace EdgeRouter.Inference;

/// <summary>
/// A generation in progress. Text arrives on <see cref="Text"/>; the channel completes when the generation ends
/// and faults with the generation's exception if it failed. Disposing cancels it and waits until its slot is free.
/// </summary>
public sealed class InferenceRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancellation;

    public InferenceRun(string tier, ModelInfo model, ChannelReader<string> text, Task<GenerationResult> completion,
        CancellationTokenSource cancellation)
    {
        Tier = tier;
        Model = model;
        Text = text;
        Completion = completion;
        _cancellation = cancellation;
    }

    /// <summary>Which tier serves this run ("local", or an upstream's name).</summary>
    public string Tier { get; }

    public ModelInfo Model { get; }

    public ChannelReader<string> Text { get; }

    public Task<GenerationResult> Completion { get; }

    public void Cancel()
    {
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished and cleaned up: nothing left to cancel.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cancel();
        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch
        {
            // The failure was already reported through Text/Completion to whoever was listening.
        }
        _cancellation.Dispose();
    }
}
