using System.Net;
using System.Text.Json;
using EdgeRouter.Tests.Cloud.Support;
using EdgeRouter.Tests.Support;
using EdgeRouter.Tests.Host.Observability;

namespace EdgeRouter.Tests.Host.Api;

/// <summary>
/// An agent routed to a cloud tier keeps its tools: the upstream receives tools, tool_choice, response_format and
/// unknown fields unchanged, and its tool calls reach both surfaces (OpenAI's string arguments, Ollama's object ones),
/// streamed and not.
/// </summary>
public sealed class CloudToolPassthroughTests
{
    private const string Tools = """[{"type":"function","function":{"name":"get_weather","description":"Weather for a city","strict":true,"parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}}}]""";

    /// <summary>One call to get_weather, its arguments split over two fragments as OpenAI streams them.</summary>
    private static readonly UpstreamBehavior CallsWeather = Behaviors.Sse(
            Behaviors.RoleFrame,
            Behaviors.Frame("""{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_abc","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]}"""),
            Behaviors.Frame("""{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]},"finish_reason":null}]}"""),
            Behaviors.Frame("""{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"Oslo\"}"}}]},"finish_reason":null}]}"""),
            Behaviors.Frame("""{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"""),
            Behaviors.UsageFrame,
            Behaviors.DoneFrame);

    private static JsonElement Sent(ObservedRouter h) =>
        JsonDocument.Parse(h.Faulty.Received(h.UpstreamScenario).Last(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal) && !r.IsProbe).Body).RootElement;

    [Fact]
    public async Task OpenAiRequest_ReachesTheUpstreamWithToolsFormatAndUnknownFieldsUnchanged()
    {
        await using var h = await ObservedRouter.StartAsync(Behaviors.Stream("ok"), Behaviors.Status(200));
        var body = $$$"""
            {"model":"{{{ObservedRouter.Upstream}}}","messages":[
              {"role":"user","content":"Weather in Oslo?"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"12 C"}],
             "tools":{{{Tools}}},"tool_choice":{"type":"function","function":{"name":"get_weather"}},"parallel_tool_calls":false,
             "response_format":{"type":"json_schema","json_schema":{"name":"w","strict":true,"schema":{"type":"object"} } },
             "seed":7,"stop":["END"],"presence_penalty":0.5,"frequency_penalty":0.25,"logit_bias":{"50256":-100},"user":"u-1",
             "max_completion_tokens":40,"top_k":5,"x_vendor_extension":{"keep":[1,2,3]} }
            """;
        using var response = await h.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var sent = Sent(h);
        var client = JsonDocument.Parse(body).RootElement;
        foreach (var field in new[] { "tools", "tool_choice", "parallel_tool_calls", "response_format", "seed", "stop", "presence_penalty",
                     "frequency_penalty", "logit_bias", "user", "x_vendor_extension", "max_completion_tokens" })
        {
            Assert.True(JsonElement.DeepEquals(client.GetProperty(field), sent.GetProperty(field)), field);
        }
        Assert.Equal("remote-model", sent.GetProperty("model").GetString());
        Assert.False(sent.TryGetProperty("max_tokens", out _));
        // llama.cpp's own knobs are for the board; OpenAI refuses arguments it does not know.
        Assert.False(sent.TryGetProperty("top_k", out _));
        var messages = sent.GetProperty("messages");
        Assert.Equal(JsonValueKind.Null, messages[1].GetProperty("content").ValueKind);
        Assert.Equal("call_1", messages[1].GetProperty("tool_calls")[0].GetProperty("id").GetString());
        Assert.Equal("""{"city":"Oslo"}""", messages[1].GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("call_1", messages[2].GetProperty("tool_call_id").GetString());
    }

    [Fact]
    public async Task OllamaRequest_ReachesTheUpstreamWithToolsAndItsSchemaAsResponseFormat()
    {
        await using var h = await ObservedRouter.StartAsync(Behaviors.Stream("{}"), Behaviors.Status(200));
        var schema = """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""";
        var body = $$$"""
            {"model":"{{{ObservedRouter.Upstream}}}","stream":false,"messages":[
              {"role":"user","content":"Weather in Oslo?"},
              {"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Oslo"} } }]},
              {"role":"tool","tool_name":"get_weather","content":"12 C"}],
             "tools":{{{Tools}}},"format":{{{schema}}},"options":{"seed":3,"num_predict":20,"presence_penalty":0.5}}
            """;
        using var response = await h.Client.PostAsync("/api/chat", ApiAssert.Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var sent = Sent(h);
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(Tools).RootElement, sent.GetProperty("tools")));
        var format = sent.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(schema).RootElement, format.GetProperty("json_schema").GetProperty("schema")));
        Assert.Equal(0.5, sent.GetProperty("presence_penalty").GetDouble());
        Assert.Equal(3, sent.GetProperty("seed").GetInt32());
        Assert.Equal(20, sent.GetProperty("max_tokens").GetInt32());
        // Ollama's history has no call ids: the call and its result get the same one.
        var messages = sent.GetProperty("messages");
        var id = messages[1].GetProperty("tool_calls")[0].GetProperty("id").GetString();
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal(id, messages[2].GetProperty("tool_call_id").GetString());
        Assert.Equal("""{"city":"Oslo"}""", messages[1].GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString());
    }

    [Fact]
    public async Task UpstreamToolCall_OpenAiWholeAnswer_HasTheJoinedCallAndFinishReasonToolCalls()
    {
        await using var h = await ObservedRouter.StartAsync(CallsWeather, Behaviors.Status(200));
        using var response = await h.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(
            $$"""{"model":"{{ObservedRouter.Upstream}}","messages":[{"role":"user","content":"Weather in Oslo?"}],"tools":{{Tools}}}"""));
        var answer = await ApiAssert.ReadJsonAsync(response);

        var choice = answer.GetProperty("choices")[0];
        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("message").GetProperty("content").ValueKind);
        var call = choice.GetProperty("message").GetProperty("tool_calls").EnumerateArray().Single();
        Assert.Equal("call_abc", call.GetProperty("id").GetString());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("""{"city":"Oslo"}""", call.GetProperty("function").GetProperty("arguments").GetString());
    }

    [Fact]
    public async Task UpstreamToolCall_OpenAiStream_RelaysTheToolCallDeltas()
    {
        await using var h = await ObservedRouter.StartAsync(CallsWeather, Behaviors.Status(200));
        using var response = await h.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(
            $$"""{"model":"{{ObservedRouter.Upstream}}","stream":true,"messages":[{"role":"user","content":"Weather in Oslo?"}],"tools":{{Tools}}}"""));
        var frames = ApiAssert.SseData(await response.Content.ReadAsStringAsync());

        Assert.Equal("[DONE]", frames[^1]);
        var chunks = frames[..^1].Select(f => JsonDocument.Parse(f).RootElement).Where(c => c.GetProperty("choices").GetArrayLength() > 0).ToList();
        var arguments = string.Concat(chunks
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Where(d => d.TryGetProperty("tool_calls", out _))
            .Select(d => d.GetProperty("tool_calls")[0].GetProperty("function"))
            .Select(f => f.TryGetProperty("arguments", out var a) ? a.GetString() : ""));
        Assert.Equal("""{"city":"Oslo"}""", arguments);
        Assert.Equal("tool_calls", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task UpstreamDiesAfterAToolCallDelta_StreamEndsWithAnErrorNotACleanAnswer()
    {
        // The tool-call delta is the commit point: no failover after it, and no [DONE] that would pass for a whole answer.
        await using var h = await ObservedRouter.StartAsync(Behaviors.Sse(
            Behaviors.RoleFrame,
            Behaviors.Frame("""{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_abc","type":"function","function":{"name":"get_weather","arguments":"{\"ci"}}]},"finish_reason":null}]}""")),
            Behaviors.Status(200));
        using var response = await h.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(
            $$"""{"model":"{{ObservedRouter.Upstream}}","stream":true,"messages":[{"role":"user","content":"Weather in Oslo?"}],"tools":{{Tools}}}"""));
        var frames = ApiAssert.SseData(await response.Content.ReadAsStringAsync());

        Assert.DoesNotContain("[DONE]", frames);
        Assert.Equal("upstream_stream_interrupted", JsonDocument.Parse(frames[^1]).RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UpstreamToolCall_OllamaChat_HasTheCallWithArgumentsAsAnObject(bool stream)
    {
        await using var h = await ObservedRouter.StartAsync(CallsWeather, Behaviors.Status(200));
        using var response = await h.Client.PostAsync("/api/chat", ApiAssert.Json(
            $$"""{"model":"{{ObservedRouter.Upstream}}","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"Weather in Oslo?"}],"tools":{{Tools}}}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = stream ? ApiAssert.NdjsonLines(await response.Content.ReadAsStringAsync()) : [await ApiAssert.ReadJsonAsync(response)];

        Assert.True(lines[^1].GetProperty("done").GetBoolean());
        var call = lines.Select(l => l.GetProperty("message"))
            .Where(m => m.TryGetProperty("tool_calls", out _))
            .SelectMany(m => m.GetProperty("tool_calls").EnumerateArray())
            .Single();
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("Oslo", call.GetProperty("function").GetProperty("arguments").GetProperty("city").GetString());
    }
}
