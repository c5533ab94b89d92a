using EdgeRouter.Core.Inference;
using EdgeRouter.Llama.Engine;

namespace EdgeRouter.Tests.Llama.Engine;

[Collection(LlamaCollection.Name)]
public sealed class LlamaEngineGenerateTests(TinyModelFixture fixture)
{
    private readonly LlamaEngine _engine = fixture.Engine;

    [Fact]
    public void Generate_GreedySamePromptTwice_SameText()
    {
        var request = Chat("hello the world", maxTokens: 32);

        var first = Run(request);
        var second = Run(request);

        Assert.Equal(32, first.Result.CompletionTokens);
        Assert.NotEmpty(first.Text);
        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public void Generate_Greedy_PicksWhatLlamaCppsSamplerPicks()
    {
        // Temperature 0 takes the engine's own argmax; top_k = 1 goes through llama.cpp's sampler chain, whose only
        // candidate is the most likely token. Same prompt, same tokens, or the fast path changed the output.
        var prompt = GenerationRequest.Chat([new ChatMessage("user", "the quick brown fox")], SamplingOptions.Greedy with { MaxTokens = 48 });
        var viaLlamaCpp = prompt with { Sampling = new SamplingOptions { Temperature = 1f, TopK = 1, Seed = 7, MaxTokens = 48 } };

        var greedy = Run(prompt);
        var sampled = Run(viaLlamaCpp);

        Assert.Equal(sampled.Result.CompletionTokens, greedy.Result.CompletionTokens);
        Assert.Equal(sampled.Sink.Pieces, greedy.Sink.Pieces);
    }

    [Fact]
    public void Generate_AfterOtherPrompts_MatchesFreshEngine()
    {
        var target = Chat("the cat is on the mat", maxTokens: 24);
        var sharesPrefix = GenerationRequest.Chat(
            [new ChatMessage("user", "the cat is on the mat"), new ChatMessage("assistant", "yes"), new ChatMessage("user", "why")],
            SamplingOptions.Greedy with { MaxTokens = 24 });
        Run(Chat("something else entirely", maxTokens: 8));
        Run(sharesPrefix);

        var reused = Run(target);
        string fresh;
        using (var freshEngine = fixture.LoadFreshEngine())
        {
            var sink = new RecordingSink();
            freshEngine.Generate(target, sink, CancellationToken.None);
            fresh = sink.Text;
        }

        Assert.Equal(fresh, reused.Text);
        Assert.True(LastReusedTokens(fixture.Logs) > 0, "the shared chat prefix should have stayed in the KV memory");
    }

    [Fact]
    public void Generate_SamePromptTwice_ReusesAllButTheLastPromptToken()
    {
        var request = Chat("hello the world", maxTokens: 4);
        Run(request);

        var (result, _, _) = Run(request);

        Assert.Equal(result.PromptTokens - 1, LastReusedTokens(fixture.Logs));
    }

    [Fact]
    public void Generate_PrefixReuseDisabled_EvaluatesWholePromptEveryTime()
    {
        var logs = new ListLogger();
        using var engine = fixture.LoadFreshEngine(fixture.Options with { ReusePromptPrefix = false }, logs);
        var request = Chat("hello the world", maxTokens: 8);
        var first = new RecordingSink();
        var second = new RecordingSink();

        engine.Generate(request, first, CancellationToken.None);
        engine.Generate(request, second, CancellationToken.None);

        Assert.Equal(0, LastReusedTokens(logs));
        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public void Generate_MaxTokens_FinishesWithLengthAndExactCount()
    {
        var (result, sink, _) = Run(Chat("hello", maxTokens: 17));

        Assert.Equal(FinishReason.Length, result.FinishReason);
        Assert.Equal(17, result.CompletionTokens);
        Assert.Equal(Enumerable.Range(1, 17), sink.Progress);
        Assert.True(result.PromptTokens > 0);
        Assert.True(result.DecodeDuration > TimeSpan.Zero);
    }

    [Fact]
    public void Generate_MaxTokensAboveContext_StopsAtContextEnd()
    {
        var request = Chat("hello", maxTokens: 100_000);
        var promptTokens = _engine.CountPromptTokens(request);

        var (result, _, _) = Run(request);

        Assert.True(
            result.FinishReason == FinishReason.Stop || result.CompletionTokens == TinyModelFixture.ContextLength - promptTokens,
            $"finished {result.FinishReason} after {result.CompletionTokens} tokens");
        Assert.True(result.PromptTokens + result.CompletionTokens <= TinyModelFixture.ContextLength);
    }

    [Fact]
    public void Generate_StopString_CutsBeforeItAndFinishesWithStop()
    {
        var request = Chat("world", maxTokens: 48);
        var full = Run(request).Text;
        var (stop, index) = PickStopString(full);

        var (result, sink, _) = Run(request with { Sampling = request.Sampling with { Stop = ["\u0001never", stop] } });

        Assert.Equal(FinishReason.Stop, result.FinishReason);
        Assert.Equal(full[..index], sink.Text);
        Assert.True(result.CompletionTokens < 48);
    }

    [Fact]
    public void Generate_SameSeed_SameSampledText()
    {
        var request = GenerationRequest.Completion("hello", new SamplingOptions { Temperature = 1f, Seed = 42, MaxTokens = 40 });

        var first = Run(request);
        var second = Run(request);

        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public void Generate_SteadyState_AllocatesNothingPerToken()
    {
        var sampling = new SamplingOptions { Temperature = 1f, Seed = 5, Stop = ["\u0001never"] };
        var shortRun = Chat("hello", 16) with { Sampling = sampling with { MaxTokens = 16 } };
        var longRun = shortRun with { Sampling = sampling with { MaxTokens = 216 } };
        var sink = new CountingSink();
        _engine.Generate(longRun, sink, CancellationToken.None);

        var shortBytes = Allocated(() => _engine.Generate(shortRun, sink, CancellationToken.None), out var shortResult);
        var longBytes = Allocated(() => _engine.Generate(longRun, sink, CancellationToken.None), out var longResult);

        // The sampled text may reach end-of-generation early; what matters is many more tokens for the same bytes.
        var extraTokens = longResult.CompletionTokens - shortResult.CompletionTokens;
        Assert.True(extraTokens >= 50, $"only {extraTokens} extra tokens");
        Assert.True(longBytes - shortBytes < 1024, $"{longBytes - shortBytes} bytes for {extraTokens} extra tokens");
    }

    [Fact]
    public void CountPromptTokens_Chat_AddsTemplateTokens()
    {
        const string Content = "hello the world";

        var chat = _engine.CountPromptTokens(GenerationRequest.Chat([new ChatMessage("user", Content)]));
        var raw = _engine.CountPromptTokens(GenerationRequest.Completion(Content));

        // <|im_start|>user\n ... <|im_end|>\n<|im_start|>assistant\n: two control tokens, roles and newlines at least.
        Assert.True(chat >= raw + 6, $"chat {chat} tokens, raw {raw}");
    }

    [Fact]
    public void Generate_PromptTooLong_ThrowsAndEngineStaysUsable()
    {
        var longText = string.Join(' ', Enumerable.Repeat("hello world", TinyModelFixture.ContextLength));

        var ex = Assert.Throws<PromptTooLongException>(() => Run(GenerationRequest.Completion(longText, SamplingOptions.Greedy)));

        Assert.Equal(TinyModelFixture.ContextLength, ex.ContextLength);
        Assert.True(ex.PromptTokens >= TinyModelFixture.ContextLength);
        Assert.Equal(5, Run(Chat("hello", maxTokens: 5)).Result.CompletionTokens);
    }

    [Fact]
    public void Generate_ReentrantCall_ThrowsInvalidOperation()
    {
        Exception? caught = null;
        var sink = new RecordingSink
        {
            OnProgressHook = n =>
            {
                if (n == 1)
                {
                    caught = Record.Exception(() => _engine.Generate(Chat("x", 1), new RecordingSink(), CancellationToken.None));
                }
            },
        };

        _engine.Generate(Chat("hello", maxTokens: 3), sink, CancellationToken.None);

        Assert.IsType<InvalidOperationException>(caught);
    }

    [Fact]
    public void Model_DescribesTheLoadedFile()
    {
        var model = _engine.Model;

        Assert.Equal("tiny-f32", model.Name);
        Assert.Equal("llama", model.Architecture);
        Assert.Equal("F32", model.Quantization);
        Assert.Equal(TinyModelFixture.ContextLength, model.ContextLength);
        Assert.Equal(2048, model.TrainContextLength);
        Assert.True(model.ParameterCount > 100_000);
        Assert.Equal(new FileInfo(fixture.ModelPath).Length, model.FileBytes);
        Assert.Contains("<|im_start|>", model.ChatTemplate, StringComparison.Ordinal);
        Assert.True(model.LoadDuration > TimeSpan.Zero);
    }

    private static long Allocated(Func<GenerationResult> action, out GenerationResult result)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        result = action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    internal static GenerationRequest Chat(string user, int maxTokens) =>
        GenerationRequest.Chat([new ChatMessage("user", user)], SamplingOptions.Greedy with { MaxTokens = maxTokens });

    private (GenerationResult Result, RecordingSink Sink, string Text) Run(GenerationRequest request)
    {
        var sink = new RecordingSink();
        var result = _engine.Generate(request, sink, CancellationToken.None);
        return (result, sink, sink.Text);
    }

    private static int LastReusedTokens(ListLogger logs) =>
        logs.Records.Last(r => r.Values.ContainsKey("ReusedTokens")).Values["ReusedTokens"] is int reused ? reused : -1;

    /// <summary>A 3-char substring from the middle of the text, free of U+FFFD, and where it first occurs.</summary>
    private static (string Stop, int Index) PickStopString(string text)
    {
        for (var start = text.Length / 3; start + 3 <= text.Length; start++)
        {
            var candidate = text.Substring(start, 3);
            if (!candidate.Contains('\uFFFD', StringComparison.Ordinal) && !char.IsSurrogate(candidate[0]) && !char.IsSurrogate(candidate[2]))
            {
                return (candidate, text.IndexOf(candidate, StringComparison.Ordinal));
            }
        }

        throw new InvalidOperationException($"no usable stop string in \"{text}\"");
    }

    private sealed class CountingSink : ITokenSink
    {
        public int Chars { get; private set; }

        public void OnText(ReadOnlySpan<char> text) => Chars += text.Length;

        public void OnProgress(int generatedTokens)
        {
        }
    }
}
