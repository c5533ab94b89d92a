using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeRouter.Core.Embeddings;
using EdgeRouter.Core.Local;
using EdgeRouter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeRouter.Tests.Host.Api;

/// <summary>/v1/embeddings, /api/embed and /api/embeddings on real llama.cpp: a generated BERT model, and the chat model's pooling.</summary>
public sealed class EmbeddingsApiTests(EmbeddingsRouterFixture routers) : IClassFixture<EmbeddingsRouterFixture>
{
    private const string Bert = EmbeddingsRouterFixture.EmbeddingName;
    private const string ChatModel = EmbeddingsRouterFixture.ChatName;
    private static readonly string LongText = string.Join(' ', Enumerable.Repeat("hello", 600));

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, JsonObject body, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var response = await client.PostAsync(path, ApiAssert.Json(body.ToJsonString()));
        var json = await ApiAssert.ReadJsonAsync(response);
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {json}");
        return json;
    }

    private static float[] Floats(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetSingle())];

    private static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();

    [Fact]
    public async Task OpenAi_StringInput_HasOpenAisShape()
    {
        var body = await PostAsync(routers.Separate, "/v1/embeddings", new JsonObject { ["model"] = Bert, ["input"] = "hello world" });

        Assert.Equal("list", body.GetProperty("object").GetString());
        Assert.Equal(Bert, body.GetProperty("model").GetString());
        var item = Assert.Single(body.GetProperty("data").EnumerateArray());
        Assert.Equal("embedding", item.GetProperty("object").GetString());
        Assert.Equal(0, item.GetProperty("index").GetInt32());
        var vector = Floats(item.GetProperty("embedding"));
        Assert.Equal(64, vector.Length);
        Assert.Equal(1.0, Math.Sqrt(Dot(vector, vector)), 4);
        Assert.Equal(4, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(4, body.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task OpenAi_BatchOf32_InOrder_IdenticalTextsHaveCosineOne()
    {
        var texts = Enumerable.Range(0, 32).Select(i => i % 2 == 0 ? "the same text" : $"text number {i}").ToArray();
        var body = await PostAsync(routers.Separate, "/v1/embeddings", new JsonObject { ["model"] = Bert, ["input"] = Array(texts) });

        var data = body.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(32, data.Count);
        Assert.Equal(Enumerable.Range(0, 32), data.Select(d => d.GetProperty("index").GetInt32()));
        var vectors = data.Select(d => Floats(d.GetProperty("embedding"))).ToList();
        Assert.Equal(1.0, Dot(vectors[0], vectors[30]), 5);
        Assert.True(Dot(vectors[1], vectors[3]) < 0.99999);
    }

    [Fact]
    public async Task OpenAi_Base64_DecodesToTheFloatVector()
    {
        var floats = await PostAsync(routers.Separate, "/v1/embeddings", new JsonObject { ["model"] = Bert, ["input"] = "hello" });
        var base64 = await PostAsync(routers.Separate, "/v1/embeddings", new JsonObject { ["model"] = Bert, ["input"] = "hello", ["encoding_format"] = "base64" });

        var bytes = Convert.FromBase64String(base64.GetProperty("data")[0].GetProperty("embedding").GetString()!);
        var decoded = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, decoded, 0, bytes.Length);
        Assert.Equal(Floats(floats.GetProperty("data")[0].GetProperty("embedding")), decoded);
    }

    [Fact]
    public async Task OpenAi_TokenInputs_OneArrayOrMany()
    {
        var one = await PostAsync(routers.Separate, "/v1/embeddings", new JsonObject { ["model"] = Bert, ["input"] = Tokens(2, 5, 3) });
        var many = await PostAsync(routers.Separate, "/v1/embeddings", new JsonObject { ["model"] = Bert, ["input"] = new JsonArray(Tokens(2, 5, 3), Tokens(2, 3)) });
        var text = await PostAsync(routers.Separate, "/v1/embeddings", new JsonObject { ["model"] = Bert, ["input"] = "a" });

        Assert.Single(one.GetProperty("data").EnumerateArray());
        Assert.Equal(2, many.GetProperty("data").GetArrayLength());
        Assert.Equal(5, many.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(1.0, Dot(Floats(text.GetProperty("data")[0].GetProperty("embedding")), Floats(one.GetProperty("data")[0].GetProperty("embedding"))), 5);
    }

    [Fact]
    public async Task SameText_SameVector_OnEverySurface()
    {
        var openAi = await PostAsync(routers.Separate, "/v1/embeddings", new JsonObject { ["model"] = Bert, ["input"] = "tell me a short story" });
        var embed = await PostAsync(routers.Separate, "/api/embed", new JsonObject { ["model"] = Bert + ":latest", ["input"] = "tell me a short story" });
        var legacy = await PostAsync(routers.Separate, "/api/embeddings", new JsonObject { ["model"] = Bert, ["prompt"] = "tell me a short story" });

        var a = Floats(openAi.GetProperty("data")[0].GetProperty("embedding"));
        Assert.Equal(a, Floats(embed.GetProperty("embeddings")[0]));
        Assert.Equal(a, Floats(legacy.GetProperty("embedding")));
    }

    [Fact]
    public async Task Ollama_Embed_HasOllamasShape()
    {
        var body = await PostAsync(routers.Separate, "/api/embed",
            new JsonObject { ["model"] = Bert, ["input"] = new JsonArray("hello", "world"), ["keep_alive"] = "5m", ["options"] = new JsonObject { ["temperature"] = 0 } });

        Assert.Equal(Bert + ":latest", body.GetProperty("model").GetString());
        Assert.Equal(2, body.GetProperty("embeddings").GetArrayLength());
        // The harness's clock is manual and the embedder times through it: present and never negative is what is left to check.
        Assert.True(body.GetProperty("total_duration").GetInt64() >= 0);
        Assert.Equal(0, body.GetProperty("load_duration").GetInt64());
        Assert.Equal(6, body.GetProperty("prompt_eval_count").GetInt32());
    }

    [Fact]
    public async Task Ollama_NoInput_EmbedsNothing_AsAPreload()
    {
        var embed = await PostAsync(routers.Separate, "/api/embed", new JsonObject { ["model"] = Bert });
        var legacy = await PostAsync(routers.Separate, "/api/embeddings", new JsonObject { ["model"] = Bert });

        Assert.Equal(0, embed.GetProperty("embeddings").GetArrayLength());
        Assert.Equal(0, legacy.GetProperty("embedding").GetArrayLength());
    }

    [Fact]
    public async Task TooLong_TruncatedByDefault_RefusedWhenAsked()
    {
        var truncated = await PostAsync(routers.Separate, "/api/embed", new JsonObject { ["model"] = Bert, ["input"] = LongText });
        var refused = await PostAsync(routers.Separate, "/api/embed", new JsonObject { ["model"] = Bert, ["input"] = LongText, ["truncate"] = false }, HttpStatusCode.BadRequest);
        var openAi = await PostAsync(routers.Separate, "/v1/embeddings", new JsonObject { ["model"] = Bert, ["input"] = LongText }, HttpStatusCode.BadRequest);

        Assert.Equal(512, truncated.GetProperty("prompt_eval_count").GetInt32());
        Assert.Contains("512 tokens", refused.GetProperty("error").GetString());
        Assert.Equal("context_length_exceeded", openAi.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("input", openAi.GetProperty("error").GetProperty("param").GetString());
    }

    [Theory]
    [InlineData("""{"model":"bert-tiny"}""", "input")]
    [InlineData("""{"model":"bert-tiny","input":[]}""", "input")]
    [InlineData("""{"model":"bert-tiny","input":["a",1]}""", "input")]
    [InlineData("""{"model":"bert-tiny","input":[[2,1.5]]}""", "input")]
    [InlineData("""{"model":"bert-tiny","input":[[99999999]]}""", "input")]
    [InlineData("""{"model":"bert-tiny","input":"a","encoding_format":"hex"}""", "encoding_format")]
    [InlineData("""{"model":"bert-tiny","input":"a","dimensions":32}""", "dimensions")]
    [InlineData("""{"input":"a"}""", "model")]
    public async Task OpenAi_BadInput_IsA400InOpenAisShape(string json, string param)
    {
        using var response = await routers.Separate.PostAsync("/v1/embeddings", ApiAssert.Json(json));
        await ApiAssert.OpenAiErrorAsync(response, HttpStatusCode.BadRequest, param: param);
    }

    [Fact]
    public async Task OpenAi_DimensionsEqualToTheModels_IsAccepted()
    {
        var body = await PostAsync(routers.Separate, "/v1/embeddings", new JsonObject { ["model"] = Bert, ["input"] = "a", ["dimensions"] = 64 });
        Assert.Equal(64, body.GetProperty("data")[0].GetProperty("embedding").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/embed", """{"model":"bert-tiny","input":5}""")]
    [InlineData("/api/embed", """{"input":"a"}""")]
    [InlineData("/api/embeddings", """{"prompt":"a"}""")]
    [InlineData("/api/embed", """{"model":"bert-tiny","input":"a","truncate":"yes"}""")]
    public async Task Ollama_BadInput_IsA400InOllamasShape(string path, string json)
    {
        using var response = await routers.Separate.PostAsync(path, ApiAssert.Json(json));
        await ApiAssert.OllamaErrorAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task UnknownModel_Is404_ListingTheEmbeddingModel()
    {
        using var openAi = await routers.Separate.PostAsync("/v1/embeddings", ApiAssert.Json("""{"model":"text-embedding-3-small","input":"a"}"""));
        using var ollama = await routers.Separate.PostAsync("/api/embed", ApiAssert.Json("""{"model":"nomic-embed-text","input":"a"}"""));

        var error = await ApiAssert.OpenAiErrorAsync(openAi, HttpStatusCode.NotFound, "model_not_found");
        Assert.Contains(Bert, error.GetProperty("message").GetString());
        Assert.Contains(Bert, await ApiAssert.OllamaErrorAsync(ollama, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Listings_NameTheSeparateEmbeddingModel_AndShowSaysWhatEachServes()
    {
        using var models = await routers.Separate.GetAsync("/v1/models");
        using var tags = await routers.Separate.GetAsync("/api/tags");
        var ids = (await ApiAssert.ReadJsonAsync(models)).GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        var names = (await ApiAssert.ReadJsonAsync(tags)).GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList();
        var bert = await PostAsync(routers.Separate, "/api/show", new JsonObject { ["model"] = Bert });
        var chat = await PostAsync(routers.Separate, "/api/show", new JsonObject { ["model"] = ChatModel });

        Assert.Equal([ChatModel, Bert], ids);
        Assert.Equal([ChatModel + ":latest", Bert + ":latest"], names);
        Assert.Equal(["embedding"], bert.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        Assert.DoesNotContain("embedding", chat.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("bert", bert.GetProperty("details").GetProperty("family").GetString());
    }

    [Fact]
    public async Task ChatModelFallback_EmbedsWithItsPooling_OnBothSurfaces()
    {
        var openAi = await PostAsync(routers.Fallback, "/v1/embeddings", new JsonObject { ["model"] = ChatModel, ["input"] = new JsonArray("hello world", "hello world") });
        var embed = await PostAsync(routers.Fallback, "/api/embed", new JsonObject { ["model"] = ChatModel, ["input"] = "hello world" });
        var show = await PostAsync(routers.Fallback, "/api/show", new JsonObject { ["model"] = ChatModel });
        using var models = await routers.Fallback.GetAsync("/v1/models");

        var a = Floats(openAi.GetProperty("data")[0].GetProperty("embedding"));
        Assert.Equal(64, a.Length);
        Assert.Equal(1.0, Dot(a, Floats(openAi.GetProperty("data")[1].GetProperty("embedding"))), 5);
        Assert.Equal(1.0, Dot(a, Floats(embed.GetProperty("embeddings")[0])), 5);
        var capabilities = show.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains("completion", capabilities);
        Assert.Contains("embedding", capabilities);
        Assert.Single((await ApiAssert.ReadJsonAsync(models)).GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task NoSlotLeaks_AfterSuccessesAndRefusals()
    {
        await PostAsync(routers.Separate, "/v1/embeddings", new JsonObject { ["model"] = Bert, ["input"] = "a" });
        await PostAsync(routers.Separate, "/api/embed", new JsonObject { ["model"] = Bert, ["input"] = LongText, ["truncate"] = false }, HttpStatusCode.BadRequest);
        await PostAsync(routers.Separate, "/v1/embeddings", new JsonObject { ["model"] = Bert, ["input"] = new JsonArray(Tokens(-1)) }, HttpStatusCode.BadRequest);

        var gate = routers.SeparateRouter.Services.GetRequiredService<LocalEmbeddings>().Gate.Snapshot();
        Assert.Equal(0, gate.Running);
        Assert.Equal(0, gate.Queued);
    }

    private static JsonArray Array(IEnumerable<string> items) => [.. items.Select(static i => (JsonNode)i)];

    private static JsonArray Tokens(params int[] ids) => [.. ids.Select(static i => (JsonNode)i)];
}
