using System.Net.Http.Headers;
using System.Text.Json;

namespace EdgeRouter.Tests.Host.Security.Fuzz;

/// <summary>What a fuzz suite accepts as an answer to a hostile request: a success, an honest 503, or a 4xx in the surface's shape.</summary>
internal static class HostileAnswer
{
    public const int TenMegabytes = 10 * 1024 * 1024;

    /// <summary>
    /// Sends every request (<paramref name="parallelism"/> at a time) and fails with the first bad answers and the seed
    /// that reproduces them. Returns how many answers had each status, so a suite can check that it reached what it aims at.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, int>> AllAcceptableAsync(HttpClient client, int seed, IReadOnlyList<HostileRequest> requests, int parallelism,
        Func<string, bool>? serverErrorAllowed = null)
    {
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, _) =>
        {
            var (problem, status) = await CheckAsync(client, requests[i], serverErrorAllowed);
            lock (statuses)
            {
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
            }
            if (problem is not null)
            {
                lock (failures)
                {
                    failures.Add($"#{i} {requests[i].Method} {requests[i].Path} [{requests[i].Recipe}]: {problem}");
                }
            }
        });
        Assert.True(failures.Count == 0,
            $"seed {seed} (EDGEROUTER_FUZZ_SEED={seed}): {failures.Count} bad answers, first ones:\n{string.Join("\n", failures.Take(15))}");
        return statuses;
    }

    /// <summary>Null when the answer is acceptable, else what is wrong with it; and the status (0: no answer).</summary>
    /// <param name="serverErrorAllowed">A 500 whose body this accepts is acceptable too (still in the surface's shape).</param>
    public static async Task<(string? Problem, int Status)> CheckAsync(HttpClient client, HostileRequest hostile, Func<string, bool>? serverErrorAllowed = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(hostile.Method), hostile.Path);
        if (hostile.Method == "POST")
        {
            request.Content = new ByteArrayContent(hostile.Body);
            if (hostile.ContentType is { } type)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            }
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        HttpResponseMessage response;
        string body;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            body = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return ("no answer within 30 s", 0);
        }
        catch (HttpRequestException) when (hostile.Body.Length >= TenMegabytes)
        {
            // Kestrel may answer 413 and close while the client is still sending; a reset is an acceptable refusal here.
            return (null, 413);
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            return (Judge(hostile, status, body, serverErrorAllowed), status);
        }
    }

    private static string? Judge(HostileRequest hostile, int status, string body, Func<string, bool>? serverErrorAllowed)
    {
        if (hostile.Body.Length >= TenMegabytes && status != 413)
        {
            return $"a 10 MB body got {status}, not 413";
        }
        if (status >= 500 && status != 503 && !(status == 500 && serverErrorAllowed?.Invoke(body) == true))
        {
            return $"{status}: {Truncate(body)}";
        }
        if (status >= 400)
        {
            return ShapeProblem(hostile.IsOpenAi, body) is { } shape ? $"{status} not in the surface's error shape ({shape}): {Truncate(body)}" : null;
        }
        return status == 200 ? null : $"unexpected status {status}";
    }

    public static string? ShapeProblem(bool openAi, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error))
            {
                return "no error member";
            }
            if (!openAi)
            {
                return error.ValueKind == JsonValueKind.String && error.GetString()!.Length > 0 ? null : "error is not a message";
            }
            return error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                && error.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
                ? null
                : "error lacks message or type";
        }
        catch (JsonException)
        {
            return "not JSON";
        }
    }

    public static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
