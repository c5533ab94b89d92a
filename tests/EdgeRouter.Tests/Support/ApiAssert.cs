using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace EdgeRouter.Tests.Support;

/// <summary>HTTP helpers and shape assertions shared by the API tests.</summary>
public static class ApiAssert
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>{"error":{"message","type","param","code"}} with the given status; returns the error object.</summary>
    public static async Task<JsonElement> OpenAiErrorAsync(HttpResponseMessage response, HttpStatusCode status, string? code = null, string? param = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        var body = await ReadJsonAsync(response);
        var error = body.GetProperty("error");
        Assert.Equal(JsonValueKind.String, error.GetProperty("message").ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal(JsonValueKind.String, error.GetProperty("type").ValueKind);
        Assert.True(error.TryGetProperty("param", out var actualParam));
        Assert.True(error.TryGetProperty("code", out var actualCode));
        if (code is not null)
        {
            Assert.Equal(code, actualCode.GetString());
        }
        if (param is not null)
        {
            Assert.Equal(param, actualParam.GetString());
        }
        return error;
    }

    /// <summary>{"error":"message"} with the given status; returns the message.</summary>
    public static async Task<string> OllamaErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal(JsonValueKind.Object, body.ValueKind);
        var message = body.GetProperty("error");
        Assert.Equal(JsonValueKind.String, message.ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(message.GetString()));
        return message.GetString()!;
    }

    /// <summary>The "data: ..." payloads of an SSE body, in order (including "[DONE]").</summary>
    public static List<string> SseData(string body)
    {
        Assert.EndsWith("\n\n", body);
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        return [.. events.Select(e =>
        {
            Assert.StartsWith("data: ", e);
            Assert.DoesNotContain('\n', e);
            return e["data: ".Length..];
        })];
    }

    /// <summary>The objects of an NDJSON body, one per line.</summary>
    public static List<JsonElement> NdjsonLines(string body)
    {
        Assert.EndsWith("\n", body);
        return [.. body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        })];
    }
}
