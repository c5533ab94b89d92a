using System.Net;
using System.Text.Json;
using EdgeRouter.Host.Config;
using EdgeRouter.Host.Hosting;
using EdgeRouter.Host.Observability.Status;

namespace EdgeRouter.Host.Cli;

/// <summary>
/// <c>edgerouter status</c>: asks the running service for GET /status (at --url, else the configured listen address)
/// and prints it as tables, or as the raw JSON with --json.
/// </summary>
internal static class StatusCommand
{
    /// <summary>How long to wait for the service; it answers /status from memory, so anything longer means trouble.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(CliCommand.Status command, HostOverrides overrides, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken)
    {
        var baseUrl = command.Url is { } url ? ParseUrl(url) : FromConfig(ConfigLoader.Load(RouterHost.SourcesFor(command.Flags, overrides)).Listen);
        var statusUrl = new Uri(baseUrl, "status");
        using var http = new HttpClient { Timeout = RequestTimeout };
        string body;
        try
        {
            using var response = await http.GetAsync(statusUrl, cancellationToken).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                stderr.WriteLine($"edgerouter: {statusUrl} answered HTTP {(int)response.StatusCode}; is this an edgerouter?");
                return ExitCodes.Failure;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            stderr.WriteLine($"edgerouter: nothing answers at {baseUrl} ({Reason(ex)}); is the service running? (systemctl status edgerouter, or pass --url)");
            return ExitCodes.Failure;
        }

        if (command.Json)
        {
            stdout.WriteLine(body);
            return ExitCodes.Ok;
        }
        StatusReport? report;
        try
        {
            report = JsonSerializer.Deserialize(body, StatusJsonContext.Default.StatusReport);
        }
        catch (JsonException ex)
        {
            stderr.WriteLine($"edgerouter: {statusUrl} did not return an edgerouter status: {ex.Message}");
            return ExitCodes.Failure;
        }
        if (report is null)
        {
            stderr.WriteLine($"edgerouter: {statusUrl} returned an empty status");
            return ExitCodes.Failure;
        }
        StatusTable.Write(report, stdout);
        return ExitCodes.Ok;
    }

    private static Uri ParseUrl(string text)
    {
        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        return Uri.TryCreate(withScheme.EndsWith('/') ? withScheme : withScheme + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new UsageException($"--url: '{text}' is not an http(s) URL");
    }

    /// <summary>The listen address as a client reaches it: a wildcard bind is reached on loopback.</summary>
    private static Uri FromConfig(ListenEndpoint listen)
    {
        var host = listen.IsAnyAddress || listen.Address is { } a && (a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any))
            ? "127.0.0.1"
            : listen.Host;
        var endpoint = new ListenEndpoint(host, listen.Port);
        return new Uri($"http://{endpoint}/");
    }

    private static string Reason(Exception ex) => ex switch
    {
        TaskCanceledException => $"no answer within {RequestTimeout.TotalSeconds:0} s",
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => "connection refused",
        _ => ex.Message,
    };
}
