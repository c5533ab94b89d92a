using System.Diagnostics;
using EdgeRouter.Core.Inference;
using EdgeRouter.Llama.Engine;

namespace EdgeRouter.Tests.Llama.Engine;

[Collection(LlamaCollection.Name)]
public sealed class LlamaEngineCancellationTests(TinyModelFixture fixture)
{
    private readonly LlamaEngine _engine = fixture.Engine;

    [Fact]
    public void Generate_CancelledBeforeStart_ReturnsCancelledWithoutText()
    {
        var sink = new RecordingSink();

        var result = _engine.Generate(LlamaEngineGenerateTests.Chat("hello", 10), sink, new CancellationToken(canceled: true));

        Assert.Equal(FinishReason.Cancelled, result.FinishReason);
        Assert.Equal(0, result.CompletionTokens);
        Assert.True(result.PromptTokens > 0);
        Assert.Empty(sink.Text);
    }

    [Fact]
    public void Generate_CancelledDuringDecode_ReturnsCancelledAndNextRequestMatchesFreshRun()
    {
        var request = LlamaEngineGenerateTests.Chat("the world is", 30);
        var expected = Generate(request, CancellationToken.None).Sink.Text;
        using var cts = new CancellationTokenSource();
        // Cancelling right after token 5 sets the native abort flag just before token 5 is decoded, so this goes
        // through llama_decode returning 2, not only through the between-token check.
        var cancelling = new RecordingSink { OnProgressHook = n => { if (n == 5) cts.Cancel(); } };

        var cancelled = _engine.Generate(request, cancelling, cts.Token);
        var after = Generate(request, CancellationToken.None);

        Assert.Equal(FinishReason.Cancelled, cancelled.FinishReason);
        Assert.Equal(5, cancelled.CompletionTokens);
        Assert.StartsWith(cancelling.Text, expected, StringComparison.Ordinal);
        Assert.Equal(expected, after.Sink.Text);
    }

    [Fact]
    public void Generate_CancelledFromAnotherThread_ReturnsCancelledAndEngineStaysUsable()
    {
        var request = GenerationRequest.Completion("hello", new SamplingOptions { Temperature = 1f, Seed = 3, MaxTokens = 100_000 });
        using var cts = new CancellationTokenSource();
        using var twentyTokens = new ManualResetEventSlim();
        var canceller = new Thread(() =>
        {
            twentyTokens.Wait(TimeSpan.FromSeconds(30));
            cts.Cancel();
        });
        canceller.Start();
        var sink = new RecordingSink { OnProgressHook = n => { if (n == 20) twentyTokens.Set(); } };
        var started = Stopwatch.GetTimestamp();

        var result = _engine.Generate(request, sink, cts.Token);

        canceller.Join();
        Assert.Equal(FinishReason.Cancelled, result.FinishReason);
        Assert.InRange(result.CompletionTokens, 20, TinyModelFixture.ContextLength);
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(10));
        Assert.Equal(3, Generate(LlamaEngineGenerateTests.Chat("hello", 3), CancellationToken.None).Result.CompletionTokens);
    }

    private (GenerationResult Result, RecordingSink Sink) Generate(GenerationRequest request, CancellationToken token)
    {
        var sink = new RecordingSink();
        return (_engine.Generate(request, sink, token), sink);
    }
}
