using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace EdgeRouter.Bench;

/// <summary>
/// Sends requests at a fixed rate whatever the server does (open loop), so a slow answer cannot lower the offered
/// load. Latency is counted from the moment a request was due, not from when it was sent, so a stalled sender shows
/// up as latency instead of hiding (coordinated omission). Only requests due after the warm-up (sequential requests,
/// then the first seconds of the open loop) are counted.
/// </summary>
internal static class LoadCommand
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var url = new Uri(args.Required("url"));
        var rate = args.Number("rate", 100);
        var seconds = args.Number("seconds", 5);
        var warmup = args.Number("warmup", 1);
        var body = args.Text("body") is { } file ? await File.ReadAllBytesAsync(file) : null;
        var headers = args.All("header").Select(h => h.Split(':', 2)).Select(p => (p[0].Trim(), p[1].Trim())).ToArray();
        using var client = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            MaxConnectionsPerServer = (int)args.Number("connections", 64),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        });

        // Sequential requests first: connections open and every code path runs once before anything is timed.
        for (var i = 0; i < (int)args.Number("warmup-requests", 200); i++)
        {
            await SendAsync(client, url, body, headers, Stopwatch.GetTimestamp());
        }

        var total = (int)((warmup + seconds) * rate);
        var firstCounted = (int)(warmup * rate);
        var results = new Result[total];
        var tasks = new Task[total];
        var start = Stopwatch.GetTimestamp();
        var ticksPerRequest = Stopwatch.Frequency / rate;
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * ticksPerRequest);
            WaitUntil(due);
            var index = i;
            tasks[i] = Task.Run(async () => results[index] = await SendAsync(client, url, body, headers, due));
        }

        await Task.WhenAll(tasks);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds - warmup;
        Report(results.AsSpan(firstCounted), rate, elapsed);
        return 0;
    }

    private static void WaitUntil(long due)
    {
        while (true)
        {
            var left = due - Stopwatch.GetTimestamp();
            if (left <= 0)
            {
                return;
            }

            if (left * 1000 / Stopwatch.Frequency > 2)
            {
                Thread.Sleep(1);
            }
            else
            {
                Thread.Yield();
            }
        }
    }

    private static async Task<Result> SendAsync(HttpMessageInvoker client, Uri url, byte[]? body, (string, string)[] headers, long due)
    {
        try
        {
            using var request = new HttpRequestMessage(body is null ? HttpMethod.Get : HttpMethod.Post, url);
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new("application/json");
            }

            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await client.SendAsync(request, CancellationToken.None);
            await using var stream = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[16384];
            var firstByte = 0L;
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                if (firstByte == 0)
                {
                    firstByte = Stopwatch.GetTimestamp();
                }
            }

            var end = Stopwatch.GetTimestamp();
            return new Result((int)response.StatusCode, Micros(due, firstByte == 0 ? end : firstByte), Micros(due, end));
        }
        catch (HttpRequestException)
        {
            return new Result(0, 0, Micros(due, Stopwatch.GetTimestamp()));
        }
    }

    private static long Micros(long from, long to) => (to - from) * 1_000_000 / Stopwatch.Frequency;

    private static void Report(ReadOnlySpan<Result> results, double rate, double seconds)
    {
        var total = new List<long>(results.Length);
        var firstByte = new List<long>(results.Length);
        int ok = 0, other = 0, failed = 0;
        foreach (var r in results)
        {
            if (r.Status == 0)
            {
                failed++;
                continue;
            }

            if (r.Status is >= 200 and < 300)
            {
                ok++;
            }
            else
            {
                other++;
            }

            total.Add(r.TotalMicros);
            firstByte.Add(r.FirstByteMicros);
        }

        total.Sort();
        firstByte.Sort();
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c,
            $$"""{"rate":{{rate}},"seconds":{{seconds:F2}},"counted":{{results.Length}},"ok":{{ok}},"non_2xx":{{other}},"failed":{{failed}},"p50_us":{{Percentiles.Of(total, 0.5)}},"p90_us":{{Percentiles.Of(total, 0.9)}},"p99_us":{{Percentiles.Of(total, 0.99)}},"max_us":{{Percentiles.Of(total, 1)}},"first_byte_p50_us":{{Percentiles.Of(firstByte, 0.5)}},"first_byte_p99_us":{{Percentiles.Of(firstByte, 0.99)}}}"""));
    }

    private readonly record struct Result(int Status, long FirstByteMicros, long TotalMicros);
}
