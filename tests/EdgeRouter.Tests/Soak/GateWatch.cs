using System.Net;
using System.Text.Json;

namespace EdgeRouter.Tests.Soak;

/// <summary>
/// Polls /readyz about every 100 ms for the whole soak and keeps the worst gate it saw: the single-slot invariant is
/// running ≤ 1 and queued ≤ the configured queue length, at every sample.
/// </summary>
public sealed class GateWatch : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly HttpClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private GateWatch(Uri address)
    {
        _client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        _loop = Task.Run(LoopAsync);
    }

    public int Samples { get; private set; }

    public int MaxRunning { get; private set; }

    public int MaxQueued { get; private set; }

    /// <summary>Samples with more than one generation running.</summary>
    public int Violations { get; private set; }

    /// <summary>Polls that got no ready answer (the router was unreachable, not ready, or too slow).</summary>
    public List<string> Failures { get; } = [];

    public static GateWatch Start(Uri address) => new(address);

    /// <summary>One poll now: the gate as /readyz shows it, or null with the reason recorded in <see cref="Failures"/>.</summary>
    public async Task<(int Running, int Queued)?> SampleAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await _client.GetAsync("/readyz", cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Failures.Add($"/readyz {(int)response.StatusCode}: {body}");
                return null;
            }
            using var json = JsonDocument.Parse(body);
            var gate = json.RootElement.GetProperty("gate");
            var sample = (gate.GetProperty("running").GetInt32(), gate.GetProperty("queued").GetInt32());
            Samples++;
            MaxRunning = Math.Max(MaxRunning, sample.Item1);
            MaxQueued = Math.Max(MaxQueued, sample.Item2);
            Violations += sample.Item1 > 1 ? 1 : 0;
            return sample;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Failures.Add($"/readyz: {ex.GetType().Name}: {ex.Message}");
            return null;
        }
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await SampleAsync(_stop.Token);
                await Task.Delay(Interval, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Ends the polling; <see cref="SampleAsync"/> still works until disposal.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
        _client.Dispose();
    }
}
