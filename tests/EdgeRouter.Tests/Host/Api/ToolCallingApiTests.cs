using System.Net;
using System.Text.Json;
using EdgeRouter.Core.Inference;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Host.Api;

/// <summary>
/// Tools in, tool calls out, on both surfaces. The fake generator reports the calls the engine would have parsed;
/// the parsing itself is tested in EdgeRouter.Prompts.Tests.
/// </summary>
public sealed class ToolCallingApiTests
{
    private const string WeatherTool = """{"type":"function","function":{"name":"get_weather","description":"Current weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}""";

    private static FakeTextGenerator Calling() => new()
    {
        Pieces = [],
        ToolCalls = [new ToolCall("call_abc", "get_weather", """{"city":"Paris"}""")],
    };

    [Fact]
    public async Task ChatCompletion_ToolCallAnswer_ReturnsToolCallsAndFinishReason()
    {
        await using var router = await TestRouter.StartAsync(Calling());

        using var response = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(
            $$"""{"messages":[{"role":"user","content":"Weather?"}],"tools":[{{WeatherTool}}],"tool_choice":"auto","parallel_tool_calls":false}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var choice = (await ApiAssert.ReadJsonAsync(response)).GetProperty("choices")[0];
        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
        var message = choice.GetProperty("message");
        Assert.Equal(JsonValueKind.Null, message.GetProperty("content").ValueKind);
        var call = Assert.Single(message.GetProperty("tool_calls").EnumerateArray());
        Assert.Equal("call_abc", call.GetProperty("id").GetString());
        Assert.Equal("function", call.GetProperty("type").GetString());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("""{"city":"Paris"}""", call.GetProperty("function").GetProperty("arguments").GetString());

        var request = router.Fake.LastRequest!;
        var tool = Assert.Single(request.Tools!);
        Assert.Equal(("get_weather", "Current weather"), (tool.Name, tool.Description));
        Assert.Contains("\"city\"", tool.ParametersJson, StringComparison.Ordinal);
        Assert.Equal(ToolChoiceMode.Auto, request.ToolChoice.Mode);
        Assert.False(request.ParallelToolCalls);
    }

    [Fact]
    public async Task ChatCompletion_ToolRoundTripHistory_MapsCallsAndResults()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json("""
            {"messages":[
              {"role":"user","content":"Weather?"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"18C"}],
             "tools":[WEATHER_TOOL],"tool_choice":{"type":"function","function":{"name":"get_weather"}}}
            """.Replace("WEATHER_TOOL", WeatherTool, StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = router.Fake.LastRequest!;
        var assistant = request.Messages![1];
        Assert.Equal(new ToolCall("call_1", "get_weather", """{"city":"Paris"}"""), Assert.Single(assistant.ToolCalls!));
        Assert.Equal(("tool", "call_1", "18C"), (request.Messages[2].Role, request.Messages[2].ToolCallId, request.Messages[2].Content));
        Assert.Equal(ToolChoice.Function("get_weather"), request.ToolChoice);
    }

    [Fact]
    public async Task ChatCompletion_StreamedToolCall_SendsToolCallDeltaThenFinishReason()
    {
        await using var router = await TestRouter.StartAsync(Calling());

        using var response = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(
            $$"""{"messages":[{"role":"user","content":"Weather?"}],"tools":[{{WeatherTool}}],"stream":true}"""));

        var events = ApiAssert.SseData(await response.Content.ReadAsStringAsync());
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e).RootElement.GetProperty("choices")[0]).ToList();
        var delta = Assert.Single(chunks, c => c.GetProperty("delta").TryGetProperty("tool_calls", out _)).GetProperty("delta");
        var call = Assert.Single(delta.GetProperty("tool_calls").EnumerateArray());
        Assert.Equal(0, call.GetProperty("index").GetInt32());
        Assert.Equal("call_abc", call.GetProperty("id").GetString());
        Assert.Equal("function", call.GetProperty("type").GetString());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("""{"city":"Paris"}""", call.GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("tool_calls", chunks[^1].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task OllamaChat_ToolCallAnswer_ArgumentsAsObject()
    {
        await using var router = await TestRouter.StartAsync(Calling());

        using var response = await router.Client.PostAsync("/api/chat", ApiAssert.Json(
            $$"""{"model":"fake-model","messages":[{"role":"user","content":"Weather?"}],"tools":[{{WeatherTool}}],"stream":false}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single((await ApiAssert.ReadJsonAsync(response)).GetProperty("message").GetProperty("tool_calls").EnumerateArray());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("Paris", call.GetProperty("function").GetProperty("arguments").GetProperty("city").GetString());
        Assert.Single(router.Fake.LastRequest!.Tools!);
    }

    [Fact]
    public async Task OllamaChat_StreamedToolCall_OneLineBeforeDone()
    {
        await using var router = await TestRouter.StartAsync(Calling());

        using var response = await router.Client.PostAsync("/api/chat", ApiAssert.Json(
            $$"""{"model":"fake-model","messages":[{"role":"user","content":"Weather?"}],"tools":[{{WeatherTool}}]}"""));

        var lines = ApiAssert.NdjsonLines(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, lines.Count);
        Assert.False(lines[0].GetProperty("done").GetBoolean());
        var call = Assert.Single(lines[0].GetProperty("message").GetProperty("tool_calls").EnumerateArray());
        Assert.Equal(JsonValueKind.Object, call.GetProperty("function").GetProperty("arguments").ValueKind);
        Assert.True(lines[1].GetProperty("done").GetBoolean());
        Assert.False(lines[1].GetProperty("message").TryGetProperty("tool_calls", out _));
    }

    [Fact]
    public async Task OllamaChat_ToolHistoryWithoutIds_PairsResultsWithCalls()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/api/chat", ApiAssert.Json("""
            {"model":"fake-model","stream":false,"messages":[
              {"role":"user","content":"Weather?"},
              {"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Paris"}}},{"function":{"name":"get_time","arguments":{}}}]},
              {"role":"tool","tool_name":"get_weather","content":"18C"},
              {"role":"tool","content":"noon"}]}
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messages = router.Fake.LastRequest!.Messages!;
        Assert.Equal(["call00000", "call00001"], messages[1].ToolCalls!.Select(c => c.Id));
        Assert.Equal("""{"city":"Paris"}""", messages[1].ToolCalls![0].ArgumentsJson);
        Assert.Equal(("call00000", "get_weather"), (messages[2].ToolCallId, messages[2].Name));
        Assert.Equal(("call00001", "get_time"), (messages[3].ToolCallId, messages[3].Name));
    }

    [Fact]
    public async Task OllamaChat_InvalidTools_Is400()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/api/chat", ApiAssert.Json(
            """{"model":"fake-model","messages":[{"role":"user","content":"Hi"}],"tools":[{"type":"function"}]}"""));

        await ApiAssert.OllamaErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(0, router.Fake.Generations);
    }
}
