using EdgeRouter.Llama;
using EdgeRouter.Llama.Engine;
using EdgeRouter.Llama.Native;
using EdgeRouter.Tests.Llama.Engine;

namespace EdgeRouter.Tests.Llama.Native;

/// <summary>
/// Who frees what: a context keeps its weights loaded and its abort flag allocated, a chain frees the samplers handed to it, and every handle
/// frees once however often it is disposed.
/// </summary>
[Collection(LlamaCollection.Name)]
public sealed unsafe class NativeHandleTests(TinyModelFixture fixture)
{
    [Fact]
    public void Context_KeepsItsModelLoaded_UntilTheContextIsFreed()
    {
        _ = fixture.Engine; // the runtime is loaded
        var model = ModelLoader.Load(fixture.ModelPath, fixture.Options, "model", progressLog: null);
        var parameters = LlamaNative.llama_context_default_params();
        parameters.n_ctx = 64;
        parameters.n_batch = 64;
        parameters.n_ubatch = 64;
        parameters.n_seq_max = 1;
        parameters.n_threads = 1;
        parameters.n_threads_batch = 1;
        var context = LlamaContextHandle.TryCreate(model, parameters);
        Assert.NotNull(context);

        model.Dispose();
        model.Dispose();
        var token = 1;
        var status = LlamaNative.llama_decode(context, LlamaNative.llama_batch_get_one(&token, 1));
        var logits = LlamaNative.llama_get_logits_ith(context, -1);
        var modelClosedBeforeContext = model.IsClosed;
        context.Dispose();

        Assert.Equal(LlamaDecodeStatus.Ok, status);
        Assert.True(logits != null);
        Assert.False(modelClosedBeforeContext);
        Assert.True(model.IsClosed);
    }

    [Fact]
    public void Context_KeepsItsAbortFlag_UntilTheContextIsFreed()
    {
        _ = fixture.Engine;
        using var model = ModelLoader.Load(fixture.ModelPath, fixture.Options, "model", progressLog: null);
        var parameters = LlamaNative.llama_context_default_params();
        parameters.n_ctx = 64;
        parameters.n_batch = 64;
        parameters.n_ubatch = 64;
        parameters.n_seq_max = 1;
        parameters.n_threads = 1;
        parameters.n_threads_batch = 1;
        var abort = new AbortFlag();
        var context = LlamaContextHandle.TryCreate(model, parameters, abort);
        Assert.NotNull(context);

        abort.Set();
        abort.Dispose();
        abort.Dispose();
        // llama.cpp still polls the flag: its memory outlives the owner's dispose.
        var token = 1;
        var status = LlamaNative.llama_decode(context, LlamaNative.llama_batch_get_one(&token, 1));
        var flagClosedBeforeContext = abort.IsClosed;
        context.Dispose();

        Assert.Equal(LlamaDecodeStatus.Aborted, status);
        Assert.False(flagClosedBeforeContext);
        Assert.True(abort.IsClosed);
    }

    [Fact]
    public void ChainAdd_ClosesTheSamplersHandle_SoOnlyTheChainFreesIt()
    {
        _ = fixture.Engine;
        var chain = LlamaNative.llama_sampler_chain_init(LlamaNative.llama_sampler_chain_default_params());
        var temperature = LlamaNative.llama_sampler_init_temp(0.5f);

        chain.Add(temperature);
        temperature.Dispose();
        chain.Dispose();
        chain.Dispose();

        Assert.True(temperature.IsClosed);
        Assert.True(chain.IsClosed);
    }

    [Fact]
    public void ChainAdd_InvalidSampler_Throws()
    {
        _ = fixture.Engine;
        using var chain = LlamaNative.llama_sampler_chain_init(LlamaNative.llama_sampler_chain_default_params());

        Assert.Throws<LlamaException>(() => chain.Add(new LlamaSamplerHandle()));
    }

    [Fact]
    public void Batch_AfterDispose_RefusesAccess()
    {
        _ = fixture.Engine;
        var batch = LlamaBatchHandle.Allocate(8, sequencesPerToken: 1);
        batch.Value.token[7] = 42;

        batch.Dispose();
        batch.Dispose();

        Assert.Throws<ObjectDisposedException>(() => batch.Value.n_tokens);
    }

    [Fact]
    public void ModelLoader_FileLlamaCannotLoad_ThrowsNamingTheKindAndPath()
    {
        _ = fixture.Engine;
        var path = fixture.TempPath("not-a-model.gguf");
        File.WriteAllText(path, "not a model");

        var ex = Assert.Throws<LlamaException>(() => ModelLoader.Load(path, fixture.Options, "embedding model", progressLog: null));

        Assert.Contains($"could not load the embedding model {path}", ex.Message, StringComparison.Ordinal);
    }
}
