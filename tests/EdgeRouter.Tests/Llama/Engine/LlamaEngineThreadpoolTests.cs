using EdgeRouter.Core.Inference;
using EdgeRouter.Llama.Native;

namespace EdgeRouter.Tests.Llama.Engine;

/// <summary>The engine computes on a persistent ggml thread pool; cancellation must still reach every worker.</summary>
[Collection(LlamaCollection.Name)]
public sealed unsafe class LlamaEngineThreadpoolTests(TinyModelFixture fixture)
{
    private const int NoPersistentThreadpoolEvent = 3300;

    [Fact]
    public void ThreadpoolParamsInit_WritesTheFieldsAtTheOffsetsThisStructDeclares()
    {
        _ = fixture.Engine; // the runtime (and with it libggml-base) is loaded
        GgmlThreadpoolParams parameters;
        new Span<byte>(&parameters, sizeof(GgmlThreadpoolParams)).Fill(0xAB);

        GgmlNative.ggml_threadpool_params_init(&parameters, 3);

        Assert.Equal(3, parameters.n_threads);
        Assert.Equal(0, parameters.prio);
        Assert.Equal(50u, parameters.poll);
        Assert.False(parameters.strict_cpu);
        Assert.False(parameters.paused);
        Assert.Equal(0, parameters.cpumask[0]);
        Assert.Equal(0, parameters.cpumask[511]);
    }

    [Fact]
    public void Load_TwoThreads_AttachesAPoolAndCancellingMidDecodeStillAbortsAndKeepsTheEngineUsable()
    {
        var logs = new ListLogger();
        using var engine = fixture.LoadFreshEngine(fixture.Options with { Threads = 2 }, logs);
        var request = LlamaEngineGenerateTests.Chat("the world is", 30);
        var expected = new RecordingSink();
        engine.Generate(request, expected, CancellationToken.None);
        using var cts = new CancellationTokenSource();
        var cancelling = new RecordingSink { OnProgressHook = n => { if (n == 5) cts.Cancel(); } };

        var cancelled = engine.Generate(request, cancelling, cts.Token);
        var after = new RecordingSink();
        engine.Generate(request, after, CancellationToken.None);

        Assert.DoesNotContain(logs.Records, r => r.EventId == NoPersistentThreadpoolEvent);
        Assert.Equal(2, engine.Threads);
        Assert.Equal(FinishReason.Cancelled, cancelled.FinishReason);
        Assert.Equal(5, cancelled.CompletionTokens);
        Assert.Equal(expected.Text, after.Text);
    }
}
