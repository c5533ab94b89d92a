using System.Net.Http.Json;
using System.Text;
using System.Threading.Channels;
using EdgeRouter.Host.Observability.Events;
using EdgeRouter.Core.Observability;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Observability.Alerts;

/// <summary>
/// Posts events to a JSON webhook without ever holding up the code that raised them: dedup and a non-blocking write
/// into a bounded queue happen on the publisher's thread; one background sender drains the queue with its own
/// HttpClient and a per-POST timeout on the router's clock. A full queue drops the alert, a slow or dead webhook only
/// fails its own POSTs; all three outcomes are counted for /metrics.
/// </summary>
public sealed class AlertSink : IMetricsSource, IAsyncDisposable
{
    private readonly AlertsConfig _config;
    private readonly Uri _target;
    private readonly RouterEvents _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly AlertDeduplicator _dedup;
    private readonly Channel<AlertPayload> _queue;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sender;
    private long _sent;
    private long _suppressed;
    private long _dropped;
    private long _failed;
    private int _disposed;

    /// <param name="handler">The transport (tests may pass their own); the sink owns and disposes it.</param>
    public AlertSink(AlertsConfig config, Uri target, RouterEvents events, TimeProvider time, ILogger<AlertSink> logger,
        HttpMessageHandler? handler = null)
    {
        _config = config;
        _target = target;
        _events = events;
        _time = time;
        _logger = logger;
        _dedup = new AlertDeduplicator(config.DedupWindow, time);
        _queue = Channel.CreateBounded<AlertPayload>(new BoundedChannelOptions(config.QueueLength)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        // No logging handlers (they would log the URL) and no client-wide timeout (ours runs on the router's clock).
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = config.Timeout,
        })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        _sender = Task.Run(SendLoopAsync);
        events.Published += Offer;
    }

    public long Sent => Interlocked.Read(ref _sent);

    public long Suppressed => Interlocked.Read(ref _suppressed);

    public long Dropped => Interlocked.Read(ref _dropped);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Dedups and queues <paramref name="routerEvent"/>; never waits.</summary>
    public void Offer(RouterEvent routerEvent)
    {
        if (routerEvent.Severity < _config.MinimumSeverity)
        {
            return;
        }
        if (_dedup.Admit(routerEvent) is not { } suppressedBefore)
        {
            Interlocked.Increment(ref _suppressed);
            return;
        }
        if (!_queue.Writer.TryWrite(AlertPayload.From(routerEvent, suppressedBefore)))
        {
            Interlocked.Increment(ref _dropped);
            EventLog.AlertDropped(_logger, RouterEvent.KindText(routerEvent.Kind), routerEvent.Subject);
        }
    }

    public void WriteTo(StringBuilder output)
    {
        Counter(output, "edgerouter_alerts_sent_total", "Alerts the webhook accepted (2xx).", Sent);
        Counter(output, "edgerouter_alerts_suppressed_total", "Events not sent because an alert of the same kind and subject went out within the dedup window.", Suppressed);
        Counter(output, "edgerouter_alerts_dropped_total", "Alerts dropped because the alert queue was full.", Dropped);
        Counter(output, "edgerouter_alerts_failed_total", "Alerts the webhook refused, or that failed or timed out.", Failed);
    }

    private static void Counter(StringBuilder output, string name, string help, long value)
    {
        PrometheusText.Family(output, name, MetricType.Counter, help);
        PrometheusText.Sample(output, name, value);
    }

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var alert in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                await SendAsync(alert).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Shutting down: alerts still queued are not worth delaying the stop for.
        }
    }

    private async Task SendAsync(AlertPayload alert)
    {
        using var timeout = new CancellationTokenSource(_config.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stop.Token);
        string problem;
        try
        {
            using var response = await _http.PostAsJsonAsync(_target, alert, AlertJsonContext.Webhook.AlertPayload, linked.Token)
                .ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _sent);
                return;
            }
            problem = $"HTTP {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            problem = $"no answer within {_config.Timeout.TotalSeconds:0.#} s";
        }
        catch (HttpRequestException ex)
        {
            // The message of a connection failure names host and port at most, never the path or query.
            problem = ex.HttpRequestError.ToString();
        }
        if (_stop.IsCancellationRequested)
        {
            return;
        }
        Interlocked.Increment(ref _failed);
        EventLog.AlertFailed(_logger, alert.Kind, alert.Subject, problem);
    }

    public async ValueTask DisposeAsync()
    {
        // The container disposes it once per registration that hands it out (itself and as an IMetricsSource).
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _events.Published -= Offer;
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _sender.ConfigureAwait(false);
        _http.Dispose();
        _stop.Dispose();
    }
}
