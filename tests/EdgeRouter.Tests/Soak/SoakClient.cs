using System.Net;
using System.Text;
using System.Text.Json;

namespace EdgeRouter.Tests.Soak;

/// <summary>Sends one <see cref="SoakPlan"/> over real HTTP and says what became of it.</summary>
public static class SoakClient
{
    public static HttpClient Create(Uri address) =>
        // No draining: a disposed response closes the connection at once, which is what a client abort is.
        new(new SocketsHttpHandler { MaxResponseDrainSize = 0, ResponseDrainTimeout = TimeSpan.Zero })
        {
            BaseAddress = address,
            Timeout = Timeout.InfiniteTimeSpan,
        };

    public static async Task<SoakOutcome> SendAsync(HttpClient client, SoakPlan plan, TimeSpan lostAfter)
    {
        using var abort = new CancellationTokenSource();
        using var lost = new CancellationTokenSource(lostAfter);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(abort.Token, lost.Token);
        if (plan.Abort == SoakAbort.AfterDelay)
        {
            abort.CancelAfter(plan.AbortAfter);
        }
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, plan.Path)
            {
                Content = new StringContent(plan.Body, Encoding.UTF8, "application/json"),
            };
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var body = await response.Content.ReadAsStringAsync(linked.Token);
                var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                // The last tier's reason (e.g. "flaky=cooling" or "local=busy") says which fault or limit answered.
                var why = response.Headers.TryGetValues("X-EdgeRouter-Fallback", out var fallback)
                    ? " " + fallback.First().Split(", ")[^1]
                    : "";
                return HasErrorShape(plan.Surface, body)
                    ? new SoakOutcome(SoakVerdict.Error, status + why)
                    : new SoakOutcome(SoakVerdict.Lost, $"status {status} without the error shape: {Clip(body)}");
            }
            var tier = response.Headers.TryGetValues("X-EdgeRouter-Tier", out var tiers) ? tiers.First() : "?";
            await using var content = await response.Content.ReadAsStreamAsync(linked.Token);
            using var reader = new StreamReader(content, Encoding.UTF8);
            var ending = plan.Stream
                ? await ReadStreamAsync(plan, reader, linked.Token)
                : ReadWhole(plan.Surface, await reader.ReadToEndAsync(linked.Token));
            return ending == SoakVerdict.Answered ? new SoakOutcome(SoakVerdict.Answered, tier) : Describe(ending, plan);
        }
        catch (JsonException ex)
        {
            return new SoakOutcome(SoakVerdict.Lost, $"malformed JSON (a cut line?): {ex.Message}");
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
        {
            if (abort.IsCancellationRequested)
            {
                return new SoakOutcome(SoakVerdict.Aborted, "after delay");
            }
            return lost.IsCancellationRequested
                ? new SoakOutcome(SoakVerdict.Lost, $"no answer within {lostAfter.TotalSeconds:0} s")
                : new SoakOutcome(SoakVerdict.Lost, $"connection broke without an error: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static SoakOutcome Describe(SoakVerdict ending, SoakPlan plan) => ending switch
    {
        SoakVerdict.ErrorInStream => new SoakOutcome(SoakVerdict.ErrorInStream, "in-stream error"),
        SoakVerdict.Aborted => new SoakOutcome(SoakVerdict.Aborted, "mid-stream"),
        _ => new SoakOutcome(SoakVerdict.Lost, plan.Stream ? "stream ended without an end marker or an error" : "200 without a complete answer"),
    };

    /// <returns>Answered, ErrorInStream, Aborted (planned hang-up after the first chunk) or Lost (ended with neither).</returns>
    private static async Task<SoakVerdict> ReadStreamAsync(SoakPlan plan, StreamReader reader, CancellationToken token)
    {
        var openAi = plan.Surface == SoakSurface.OpenAiChat;
        var finished = false;
        var chunks = 0;
        while (await reader.ReadLineAsync(token) is { } line)
        {
            var payload = openAi ? (line.StartsWith("data: ", StringComparison.Ordinal) ? line[6..] : null) : line;
            if (string.IsNullOrWhiteSpace(payload))
            {
                continue;
            }
            if (openAi && payload == "[DONE]")
            {
                return finished ? SoakVerdict.Answered : SoakVerdict.Lost;
            }
            using var json = JsonDocument.Parse(payload);
            var root = json.RootElement;
            if (root.TryGetProperty("error", out _))
            {
                return SoakVerdict.ErrorInStream;
            }
            if (openAi)
            {
                finished |= HasFinishReason(root);
            }
            else if (root.TryGetProperty("done", out var done) && done.GetBoolean())
            {
                return SoakVerdict.Answered;
            }
            if (++chunks == 1 && plan.Abort == SoakAbort.MidStream)
            {
                return SoakVerdict.Aborted;
            }
        }
        return SoakVerdict.Lost;
    }

    private static SoakVerdict ReadWhole(SoakSurface surface, string body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var complete = surface == SoakSurface.OpenAiChat
            ? HasFinishReason(root)
            : root.TryGetProperty("done", out var done) && done.GetBoolean();
        return complete ? SoakVerdict.Answered : SoakVerdict.Lost;
    }

    private static bool HasFinishReason(JsonElement root) =>
        root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0 &&
        choices[0].TryGetProperty("finish_reason", out var reason) && reason.ValueKind == JsonValueKind.String;

    private static bool HasErrorShape(SoakSurface surface, string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (!json.RootElement.TryGetProperty("error", out var error))
            {
                return false;
            }
            return surface == SoakSurface.OpenAiChat
                ? error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                : error.ValueKind == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Clip(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
