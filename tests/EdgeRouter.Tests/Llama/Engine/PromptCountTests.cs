using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Tests.Llama.Engine;

/// <summary>
/// The board's prompt count is the engine's own (tokenizer through the chat template), from any thread: truncation
/// measured with it yields a prompt the engine accepts (issue 16, the truncation incident).
/// </summary>
[Collection(LlamaCollection.Name)]
public sealed class PromptCountTests(TinyModelFixture fixture)
{
    private static readonly string Log =
        string.Concat(Enumerable.Range(0, 60).Select(i => $"{i:D4} 17.3 42 {i * 7 % 1000:D3} ok\n"));

    [Fact]
    public void TryTruncate_WithTheEnginesCount_GivesAPromptTheEngineAccepts()
    {
        var engine = fixture.Engine;
        var history = GenerationRequest.Chat(
        [
            new ChatMessage("system", "Summarise the log."),
            new ChatMessage("user", Log),
            new ChatMessage("assistant", "Noted."),
            new ChatMessage("user", Log),
            new ChatMessage("assistant", "Noted again."),
            new ChatMessage("user", "And the last line?"),
        ], SamplingOptions.Greedy with { MaxTokens = 2 });
        Assert.True(engine.CountPromptTokens(history) >= TinyModelFixture.ContextLength, "the conversation must overflow first");

        var fits = ContextFitter.TryTruncate(history, engine.CountPromptTokens, TinyModelFixture.ContextLength, isLocal: true,
            out var truncated, out var dropped);

        Assert.True(fits);
        Assert.True(dropped > 0);
        Assert.True(engine.CountPromptTokens(truncated) < TinyModelFixture.ContextLength);
        var result = engine.Generate(truncated, new RecordingSink(), CancellationToken.None);
        Assert.Equal(engine.CountPromptTokens(truncated), result.PromptTokens);
    }

    [Fact]
    public async Task CountPromptTokens_WhileAGenerationRuns_AnswersWithoutWaitingForIt()
    {
        var engine = fixture.Engine;
        var request = GenerationRequest.Chat([new ChatMessage("user", "count me")], SamplingOptions.Greedy with { MaxTokens = 1 });
        var expected = engine.CountPromptTokens(request);
        var counted = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sink = new RecordingSink
        {
            // Runs on the generating thread, inside Generate: the count must not need the generation's lock.
            OnProgressHook = n =>
            {
                if (n == 1)
                {
                    counted.TrySetResult(Task.Run(() => engine.CountPromptTokens(request)).GetAwaiter().GetResult());
                }
            },
        };

        engine.Generate(LlamaEngineGenerateTests.Chat("hello", maxTokens: 3), sink, CancellationToken.None);

        Assert.Equal(expected, await counted.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
