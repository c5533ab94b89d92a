using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Tests.Cloud.Support;

/// <summary>What one scenario does with its Nth request (1-based).</summary>
public delegate Task UpstreamBehavior(HttpContext context, int requestNumber);

/// <summary>
/// A real OpenAI-compatible HTTP server on 127.0.0.1 with one fault per scenario: each upstream under test points at
/// <c>http://127.0.0.1:PORT/{scenario}/v1/</c>, and the test swaps behaviours and counts what arrived.
/// </summary>
public sealed class FaultyUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, UpstreamBehavior> _behaviors = new();
    private readonly ConcurrentDictionary<string, int> _counts = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ReceivedRequest>> _received = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _arrivals = new();

    private FaultyUpstream(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<FaultyUpstream> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        FaultyUpstream? self = null;
        app.Map("/{scenario}/v1/{**rest}", (HttpContext context, string scenario) => self!.HandleAsync(context, scenario));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new FaultyUpstream(app, new Uri(address).Port);
        return self;
    }

    /// <summary>A loopback port nothing listens on: connecting to it is refused.</summary>
    public static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public Uri BaseUrl(string scenario) => new($"http://127.0.0.1:{Port}/{scenario}/v1/");

    public void Set(string scenario, UpstreamBehavior behavior) => _behaviors[scenario] = behavior;

    public int Requests(string scenario) => _counts.GetValueOrDefault(scenario);

    /// <summary>Requests of the scenario whose path ends with <paramref name="pathEnd"/>, e.g. <c>/models</c> (probes) or <c>/chat/completions</c>.</summary>
    public int Requests(string scenario, string pathEnd) =>
        Received(scenario).Count(r => r.Path.EndsWith(pathEnd, StringComparison.Ordinal));

    /// <summary>Real traffic of the scenario ending with <paramref name="pathEnd"/>: failback probes left out.</summary>
    public int Traffic(string scenario, string pathEnd = "/chat/completions") =>
        Received(scenario).Count(r => r.Path.EndsWith(pathEnd, StringComparison.Ordinal) && !r.IsProbe);

    /// <summary>Failback probes the scenario received (the default request probe or the opt-in /models one).</summary>
    public int Probes(string scenario) => Received(scenario).Count(static r => r.IsProbe);

    public IReadOnlyList<ReceivedRequest> Received(string scenario) =>
        _received.TryGetValue(scenario, out var queue) ? queue.ToArray() : [];

    /// <summary>Completes once the scenario has received at least <paramref name="count"/> requests.</summary>
    public async Task WaitForRequests(string scenario, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Requests(scenario) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{scenario} received {Requests(scenario)} of {count} requests");
            }
            var arrival = _arrivals.GetOrAdd(scenario, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            if (Requests(scenario) >= count)
            {
                break;
            }
            await Task.WhenAny(arrival.Task, Task.Delay(50));
        }
    }

    private async Task HandleAsync(HttpContext context, string scenario)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        _received.GetOrAdd(scenario, _ => new()).Enqueue(
            new ReceivedRequest(context.Request.Path, context.Request.Headers.Authorization.ToString(), body)
            {
                Method = context.Request.Method,
                Accept = context.Request.Headers.Accept.ToString(),
            });
        var number = _counts.AddOrUpdate(scenario, 1, (_, n) => n + 1);
        if (_arrivals.TryRemove(scenario, out var arrival))
        {
            arrival.TrySetResult();
        }
        if (!_behaviors.TryGetValue(scenario, out var behavior))
        {
            context.Response.StatusCode = 404;
            return;
        }
        try
        {
            await behavior(context, number);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The router gave up on this request (timeout or cancellation): nothing to answer.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedRequest(string Path, string Authorization, string Body)
{
    public string Method { get; init; } = "";

    public string Accept { get; init; } = "";

    /// <summary>
    /// A failback probe: <c>GET …/models</c>, or the default request probe, the route's real request with the one-line
    /// "ping" chat or embedding (the harness's traffic never says "ping").
    /// </summary>
    public bool IsProbe => Path.EndsWith("/models", StringComparison.Ordinal)
        || Body.Contains("\"content\":\"ping\"", StringComparison.Ordinal)
        || Body.Contains("\"input\":[\"ping\"]", StringComparison.Ordinal);
}
