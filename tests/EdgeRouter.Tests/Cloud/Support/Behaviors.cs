using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace EdgeRouter.Tests.Cloud.Support;

/// <summary>The faults a <see cref="FaultyUpstream"/> scenario can play.</summary>
public static class Behaviors
{
    public static string RoleFrame => Frame("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}");

    public static string ContentFrame(string text) =>
        Frame($"{{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":{JsonSerializer.Serialize(text, WireJson.Default.String)}}},\"finish_reason\":null}}]}}");

    public static string FinishFrame => Frame("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");

    public static string UsageFrame => Frame("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":2}}");

    public const string DoneFrame = "data: [DONE]\n\n";

    /// <summary>The exact bytes <see cref="Stream"/> sends for <paramref name="tokens"/>.</summary>
    public static string StreamBody(params string[] tokens) =>
        RoleFrame + string.Concat(tokens.Select(ContentFrame)) + FinishFrame + UsageFrame + DoneFrame;

    /// <summary>A well-behaved streaming answer, flushed frame by frame.</summary>
    public static UpstreamBehavior Stream(params string[] tokens) => async (context, _) =>
    {
        StartSse(context);
        foreach (var frame in new[] { RoleFrame }.Concat(tokens.Select(ContentFrame)).Append(FinishFrame).Append(UsageFrame).Append(DoneFrame))
        {
            await Write(context, frame);
        }
    };

    /// <summary>A whole (non-stream) chat completion.</summary>
    public static UpstreamBehavior Json(string text) => Status(200,
        $"{{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[{{\"index\":0,\"message\":{{\"role\":\"assistant\",\"content\":{JsonSerializer.Serialize(text, WireJson.Default.String)}}},\"finish_reason\":\"length\"}}],\"usage\":{{\"prompt_tokens\":9,\"completion_tokens\":3}}}}");

    public static UpstreamBehavior Status(int status, string body = "", string? retryAfter = null, string? retryAfterMs = null,
        string contentType = "application/json") => async (context, _) =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }
        if (retryAfterMs is not null)
        {
            context.Response.Headers["retry-after-ms"] = retryAfterMs;
        }
        await context.Response.WriteAsync(body);
    };

    public static UpstreamBehavior Throttled(string? retryAfter = "60", string? retryAfterMs = null) =>
        Status(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}", retryAfter, retryAfterMs);

    public static UpstreamBehavior ServerError => Status(500, "{\"error\":{\"message\":\"internal error\",\"type\":\"server_error\"}}");

    public static UpstreamBehavior Unauthorized =>
        Status(401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");

    public const string BadRequestBody = "{\"error\":{\"message\":\"Invalid value for 'temperature'\",\"type\":\"invalid_request_error\",\"param\":\"temperature\",\"code\":null}}";

    public static UpstreamBehavior BadRequest => Status(400, BadRequestBody);

    public static UpstreamBehavior ContextTooLong => Status(400,
        "{\"error\":{\"message\":\"This model's maximum context length is 4096 tokens. However, your messages resulted in 9000 tokens.\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}");

    /// <summary>Accepts the request and never answers (until the client gives up).</summary>
    public static UpstreamBehavior Hang => (context, _) => Task.Delay(Timeout.Infinite, context.RequestAborted);

    /// <summary>Sends headers and the role frame, then nothing, forever.</summary>
    public static UpstreamBehavior HangAfterRole => async (context, _) =>
    {
        StartSse(context);
        await Write(context, RoleFrame);
        await Task.Delay(Timeout.Infinite, context.RequestAborted);
    };

    /// <summary>Sends the role frame, then drops the connection: nothing of the answer was produced.</summary>
    public static UpstreamBehavior DieBeforeFirstToken => async (context, _) =>
    {
        StartSse(context);
        await Write(context, RoleFrame);
        await Task.Delay(20);
        context.Abort();
    };

    /// <summary>Sends the role frame and the first tokens, then drops the connection.</summary>
    public static UpstreamBehavior DieAfterFirstToken(params string[] tokens) => async (context, _) =>
    {
        StartSse(context);
        await Write(context, RoleFrame);
        foreach (var token in tokens)
        {
            await Write(context, ContentFrame(token));
        }
        await Task.Delay(20);
        context.Abort();
    };

    /// <summary>Sends the first tokens, then goes silent (idle timeout territory).</summary>
    public static UpstreamBehavior StallAfterFirstToken(string token) => async (context, _) =>
    {
        StartSse(context);
        await Write(context, RoleFrame);
        await Write(context, ContentFrame(token));
        await Task.Delay(Timeout.Infinite, context.RequestAborted);
    };

    /// <summary>The provider's own quota: the first <paramref name="allowed"/> requests pass, the rest get 429.</summary>
    public static UpstreamBehavior Quota(int allowed, UpstreamBehavior inner, string retryAfter = "60") =>
        (context, n) => n <= allowed ? inner(context, n) : Throttled(retryAfter)(context, n);

    /// <summary>
    /// One host, several keys, per-key limits: requests carrying <paramref name="throttledKey"/> get 429, every other
    /// key is served by <paramref name="inner"/>.
    /// </summary>
    public static UpstreamBehavior ThrottleKey(string throttledKey, UpstreamBehavior inner, string retryAfter = "30") =>
        (context, n) => context.Request.Headers.Authorization.ToString() == $"Bearer {throttledKey}"
            ? Throttled(retryAfter)(context, n)
            : inner(context, n);

    /// <summary>Per-request behaviours: the Nth request plays the Nth entry (the last one repeats).</summary>
    public static UpstreamBehavior Sequence(params UpstreamBehavior[] steps) =>
        (context, n) => steps[Math.Min(n, steps.Length) - 1](context, n);

    /// <summary>
    /// Bursts: in every run of <paramref name="every"/> requests the first <paramref name="length"/> play
    /// <paramref name="burst"/> (e.g. a 429 storm), the rest play <paramref name="otherwise"/>.
    /// </summary>
    public static UpstreamBehavior Bursts(int every, int length, UpstreamBehavior burst, UpstreamBehavior otherwise) =>
        (context, n) => (n - 1) % every < length ? burst(context, n) : otherwise(context, n);

    /// <summary>A weighted pick per request, seeded by the request number, so a given seed replays the same faults.</summary>
    public static UpstreamBehavior Weighted(int seed, params (int Weight, UpstreamBehavior Behavior)[] mix)
    {
        var total = mix.Sum(m => m.Weight);
        return (context, n) =>
        {
            var pick = new Random(unchecked(seed * 7919 + n)).Next(total);
            foreach (var (weight, behavior) in mix)
            {
                if ((pick -= weight) < 0)
                {
                    return behavior(context, n);
                }
            }
            throw new UnreachableException();
        };
    }

    /// <summary>Waits for <paramref name="release"/> before playing <paramref name="inner"/>.</summary>
    public static UpstreamBehavior Gated(Task release, UpstreamBehavior inner) => async (context, n) =>
    {
        await release.WaitAsync(context.RequestAborted);
        await inner(context, n);
    };

    public static string Frame(string json) => $"data: {json}\n\n";

    /// <summary>A stream of exactly these frames (each one a <see cref="Frame"/> or <see cref="DoneFrame"/>), flushed one by one.</summary>
    public static UpstreamBehavior Sse(params string[] frames) => async (context, _) =>
    {
        StartSse(context);
        foreach (var frame in frames)
        {
            await Write(context, frame);
        }
    };

    private static void StartSse(HttpContext context)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
    }

    private static async Task Write(HttpContext context, string frame)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(frame), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class WireJson : System.Text.Json.Serialization.JsonSerializerContext;
