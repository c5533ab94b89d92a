using System.Net.Http.Headers;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Credentials;
using EdgeRouter.Cloud.Failures;
using EdgeRouter.Cloud.Upstreams;

namespace EdgeRouter.Host.Check;

/// <summary>
/// `check --probe`: one cheap authenticated call per upstream (GET {baseUrl}models, which OpenAI-compatible APIs
/// answer without spending tokens), classified exactly as the router classifies a failed attempt.
/// </summary>
internal static class UpstreamProbe
{
    /// <summary>Upper bound per probe; an upstream with a shorter first-token timeout gets that instead.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(10);

    public static async Task<CheckFinding> RunAsync(UpstreamConfig upstream, Secret? key, TimeProvider time, CancellationToken cancellationToken)
    {
        var subject = $"upstream '{upstream.Name}'";
        var url = new Uri(upstream.BaseUrl, "models");
        using var handler = UpstreamHttp.CreateHandler(upstream);
        using var client = new HttpClient(handler);
        UpstreamHttp.ConfigureClient(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Reveal());
        }

        using var timeout = new CancellationTokenSource(upstream.Timeouts.FirstToken < MaxTimeout ? upstream.Timeouts.FirstToken : MaxTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return CheckFinding.Info(subject, $"probe GET {url}: HTTP {status}");
            }
            var body = await ReadCappedAsync(response.Content, linked.Token).ConfigureAwait(false);
            var failure = FailureClassifier.FromStatus(status, body, response.Content.Headers.ContentType?.MediaType, null);
            return Failed(subject, url, failure);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var failure = FailureClassifier.FromException(ex, clientCancelled: false, timeout.IsCancellationRequested ? TimeoutKind.Total : null);
            return Failed(subject, url, failure);
        }
    }

    private static CheckFinding Failed(string subject, Uri url, UpstreamFailure failure) =>
        CheckFinding.Error(subject, $"probe GET {url} failed: {failure.Class.ToString().ToLowerInvariant()} ({failure.Reason}): {failure.Message}");

    private static async Task<byte[]> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[FailureClassifier.MaxErrorBodyBytes];
            var filled = 0;
            int read;
            while (filled < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
            {
                filled += read;
            }
            return buffer[..filled];
        }
    }
}
