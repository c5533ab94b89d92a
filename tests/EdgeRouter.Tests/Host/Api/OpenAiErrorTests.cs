using System.Net;
using System.Text;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Host.Api;

public sealed class OpenAiErrorTests
{
    public static TheoryData<string, string?, string?> InvalidBodies => new()
    {
        // body, expected param, expected code
        { """{"messages":[{"role":"user","content":"Hi"}""", null, "invalid_json" },
        { "not json at all", null, "invalid_json" },
        { "[1,2]", null, "invalid_type" },
        { "null", null, null },
        { """{"messages":"Hi"}""", "messages", "invalid_type" },
        { """{"messages":[{"role":"user","content":"Hi"}],"max_tokens":"3"}""", "max_tokens", "invalid_type" },
        { """{"messages":[{"role":"user","content":"Hi"}],"max_tokens":2.5}""", "max_tokens", "invalid_type" },
        { """{"messages":[{"role":"user","content":"Hi"}],"stream":"yes"}""", "stream", "invalid_type" },
        { """{"messages":[{"role":"user","content":"Hi"}],"temperature":"hot"}""", "temperature", "invalid_type" },
        { """{"messages":[{"role":"user","content":42}]}""", "messages[0].content", "invalid_type" },
        { """{"messages":[{"role":7,"content":"Hi"}]}""", "messages[0].role", "invalid_type" },
        { """{"model":"x"}""", "messages", "missing_required_parameter" },
        { """{"messages":[]}""", "messages", "empty_array" },
        { """{"messages":[{"content":"Hi"}]}""", "messages[0].role", "missing_required_parameter" },
        { """{"messages":[{"role":"wizard","content":"Hi"}]}""", "messages[0].role", "invalid_value" },
        { """{"messages":[{"role":"user"}]}""", "messages[0].content", "missing_required_parameter" },
        { """{"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"x"}}]}]}""", "messages[0].content[0].type", "unsupported_content_type" },
        { """{"messages":[{"role":"user","content":"Hi"}],"max_tokens":-5}""", "max_tokens", "integer_below_min_value" },
        { """{"messages":[{"role":"user","content":"Hi"}],"max_tokens":0}""", "max_tokens", "integer_below_min_value" },
        { """{"messages":[{"role":"user","content":"Hi"}],"max_completion_tokens":0}""", "max_completion_tokens", "integer_below_min_value" },
        { """{"messages":[{"role":"user","content":"Hi"}],"temperature":2.5}""", "temperature", "decimal_above_max_value" },
        { """{"messages":[{"role":"user","content":"Hi"}],"temperature":-0.1}""", "temperature", "decimal_below_min_value" },
        { """{"messages":[{"role":"user","content":"Hi"}],"top_p":1.5}""", "top_p", "decimal_above_max_value" },
        { """{"messages":[{"role":"user","content":"Hi"}],"n":3}""", "n", "unsupported_value" },
        { """{"messages":[{"role":"user","content":"Hi"}],"stop":[1]}""", "stop", "invalid_type" },
        { """{"messages":[{"role":"user","content":"Hi"}],"tools":{"type":"function"}}""", "tools", "invalid_type" },
        { """{"messages":[{"role":"user","content":"Hi"}],"tools":[{"type":"function","function":{}}]}""", "tools[0].function.name", "missing_required_parameter" },
        { """{"messages":[{"role":"user","content":"Hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":[]}}]}""", "tools[0].function.parameters", "invalid_type" },
        { """{"messages":[{"role":"user","content":"Hi"}],"tool_choice":"sometimes"}""", "tool_choice", "invalid_value" },
        { """{"messages":[{"role":"user","content":"Hi"}],"tool_choice":"required"}""", "tool_choice", "invalid_value" },
        { """{"messages":[{"role":"user","content":"Hi"}],"tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{"type":"function","function":{"name":"g"}}}""", "tool_choice", "invalid_value" },
        { """{"messages":[{"role":"user","content":"Hi"}],"functions":[{"name":"f"}]}""", "functions", "unsupported_parameter" },
        { """{"messages":[{"role":"tool","content":"18C"}]}""", "messages[0].tool_call_id", "missing_required_parameter" },
        { """{"messages":[{"role":"assistant","content":null,"tool_calls":[{"id":"a","type":"function","function":{"arguments":"{}"}}]}]}""", "messages[0].tool_calls[0]", "invalid_type" },
        { """{"messages":[{"role":"user","content":"Hi"}],"response_format":{"type":"xml"}}""", "response_format.type", "invalid_value" },
        { """{"messages":[{"role":"user","content":"Hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"string","pattern":"a+"}}}}""", "response_format.json_schema.schema", "invalid_json_schema" },
        { """{"messages":[{"role":"user","content":"Hi"}],"response_format":{"type":"json_schema"}}""", "response_format.json_schema", "missing_required_parameter" },
        { """{"messages":[{"role":"user","content":"Hi"}],"logit_bias":{"abc":5}}""", "logit_bias", "invalid_value" },
        { """{"messages":[{"role":"user","content":"Hi"}],"presence_penalty":3}""", "presence_penalty", "decimal_above_max_value" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task ChatCompletion_InvalidBody_Is400InOpenAiShape(string body, string? param, string? code)
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/v1/chat/completions", ApiAssert.Json(body));

        var error = await ApiAssert.OpenAiErrorAsync(response, HttpStatusCode.BadRequest, code, param);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.DoesNotContain("System.", error.GetProperty("message").GetString());
        Assert.Equal(0, router.Fake.Generations);
    }

    [Fact]
    public async Task ChatCompletion_EmptyBody_Is400()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/v1/chat/completions", new ByteArrayContent([]));

        await ApiAssert.OpenAiErrorAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ChatCompletion_WrongType_MessageExplainsExpectedType()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/v1/chat/completions",
            ApiAssert.Json("""{"messages":[{"role":"user","content":"Hi"}],"max_tokens":"3"}"""));

        var error = await ApiAssert.OpenAiErrorAsync(response, HttpStatusCode.BadRequest, "invalid_type", "max_tokens");
        Assert.Equal("Invalid type for 'max_tokens': expected a number, but got a string.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ChatCompletion_UnknownModel_Is404ModelNotFound()
    {
        await using var router = await TestRouter.StartAsync();

        using var response = await router.Client.PostAsync("/v1/chat/completions",
            ApiAssert.Json("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}]}"""));

        var error = await ApiAssert.OpenAiErrorAsync(response, HttpStatusCode.NotFound, "model_not_found", "model");
        Assert.Contains("fake-model", error.GetProperty("message").GetString());
        Assert.False(response.Headers.Contains("X-EdgeRouter-Tier"));
    }

    [Fact]
    public async Task ChatCompletion_OversizedBody_Is413InOpenAiShape()
    {
        await using var router = await TestRouter.StartAsync();
        var padding = new string('a', 5 * 1024 * 1024);

        using var response = await router.Client.PostAsync("/v1/chat/completions",
            ApiAssert.Json($$"""{"messages":[{"role":"user","content":"{{padding}}"}]}"""));

        await ApiAssert.OpenAiErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "request_too_large");
    }

    [Fact]
    public async Task ChatCompletion_OversizedBodyWithExpectContinue_Is413BeforeUpload()
    {
        await using var router = await TestRouter.StartAsync();
        var padding = new string('c', 5 * 1024 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = ApiAssert.Json($$"""{"messages":[{"role":"user","content":"{{padding}}"}]}"""),
        };
        request.Headers.ExpectContinue = true;

        using var response = await router.Client.SendAsync(request);

        await ApiAssert.OpenAiErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "request_too_large");
    }

    [Fact]
    public async Task ChatCompletion_OversizedChunkedBody_Is413InOpenAiShape()
    {
        await using var router = await TestRouter.StartAsync();
        var padding = Encoding.UTF8.GetBytes($$"""{"messages":[{"role":"user","content":"{{new string('b', 5 * 1024 * 1024)}}"}]}""");
        using var content = new StreamContent(new MemoryStream(padding));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await router.Client.SendAsync(request);

        await ApiAssert.OpenAiErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "request_too_large");
    }

    [Fact]
    public async Task ChatCompletion_GenerationFailsBeforeFirstToken_Is500ServerErrorNot5xxForClientErrors()
    {
        var fake = new FakeTextGenerator { Failure = () => new InvalidOperationException("decode failed"), FailAfterPieces = 0 };
        await using var router = await TestRouter.StartAsync(fake);

        using var response = await router.Client.PostAsync("/v1/chat/completions",
            ApiAssert.Json("""{"messages":[{"role":"user","content":"Hi"}],"stream":true}"""));

        var error = await ApiAssert.OpenAiErrorAsync(response, HttpStatusCode.InternalServerError);
        Assert.Equal("server_error", error.GetProperty("type").GetString());
        Assert.Contains("decode failed", error.GetProperty("message").GetString());
    }
}
