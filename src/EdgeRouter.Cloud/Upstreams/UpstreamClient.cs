using System.Net.Http.Headers;
using EdgeRouter.Cloud.Config;
using EdgeRouter.Cloud.Credentials;
using EdgeRouter.Cloud.Failures;
using EdgeRouter.Core.Embeddings;
using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Cloud.Upstreams;

/// <summary>
/// Talks to one OpenAI-compatible upstream. Exactly one HTTP request per call: retries and failover belong to the
/// router alone. Every failure comes back classified, never thrown (except bugs).
/// </summary>
public sealed class UpstreamClient
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue AcceptEventStream = new("text/event-stream");
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    /// <summary>A batch of 1536-float vectors as JSON text runs to ~30 KB per input.</summary>
    private const int MaxEmbeddingsBytes = 64 * 1024 * 1024;

    private readonly HttpClient _http;
    private readonly Secret? _key;
    private readonly TimeProvider _time;
    private readonly Uri _chat;
    private readonly Uri _completions;
    private readonly Uri _models;
    private readonly Uri _embeddings;

    public UpstreamClient(UpstreamConfig config, HttpClient http, Secret? key, TimeProvider time)
    {
        Config = config;
        _http = http;
        _key = key;
        _time = time;
        var root = config.BaseUrl.AbsoluteUri.EndsWith('/') ? config.BaseUrl : new Uri(config.BaseUrl.AbsoluteUri + "/");
        _chat = new Uri(root, "chat/completions");
        _completions = new Uri(root, "completions");
        _models = new Uri(root, "models");
        _embeddings = new Uri(root, "embeddings");
    }

    public UpstreamConfig Config { get; }

    public string Name => Config.Name;

    /// <summary>
    /// Sends a streaming request and reads until the first output token: frames before it (role, empty deltas) are
    /// held back and handed over with the stream, so a failure up to that point leaves nothing half-sent and the
    /// router may still fail over. <paramref name="firstTokenTimeout"/> is the tier's TTFT or the request's remaining
    /// deadline, whichever is shorter.
    /// </summary>
    /// <param name="caller">Cancelled by the client or by disposing the run; after commit it also ends the stream.</param>
    public Task<StreamOpenResult> OpenStreamAsync(GenerationRequest request, TimeSpan firstTokenTimeout, CancellationToken caller) =>
        OpenStreamAsync(request, firstTokenTimeout, Config.Timeouts.Total, caller);

    private async Task<StreamOpenResult> OpenStreamAsync(GenerationRequest request, TimeSpan firstTokenTimeout, TimeSpan total,
        CancellationToken caller)
    {
        var timeouts = new AttemptTimeouts(_time, firstTokenTimeout, Config.Timeouts.Idle, total, caller);
        var started = _time.GetTimestamp();
        HttpRequestMessage? message = null;
        HttpResponseMessage? response = null;
        SseFrameReader? reader = null;
        var committed = false;
        try
        {
            message = BuildRequest(request, stream: true);
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeouts.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return new StreamOpenResult.Failed(await ReadFailureAsync(response, timeouts.Token).ConfigureAwait(false));
            }
            if (response.Content.Headers.ContentType?.MediaType is { } mediaType
                && !mediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase))
            {
                // Some servers answer errors with 200 + JSON, or ignore stream=true.
                var body = Redact(await ReadBoundedAsync(response.Content, FailureClassifier.MaxErrorBodyBytes, timeouts.Token).ConfigureAwait(false));
                var info = ChunkInfo.Parse(System.Text.Encoding.UTF8.GetString(body.Span));
                return new StreamOpenResult.Failed(info.ErrorJson is { } error
                    ? FailureClassifier.FromStreamError(error)
                    : new TierFailure(FailureClass.Outage, "not-a-stream", $"expected text/event-stream, got {mediaType}"));
            }

            var content = await response.Content.ReadAsStreamAsync(timeouts.Token).ConfigureAwait(false);
            reader = new SseFrameReader(content);
            var held = new List<(SseFrame Frame, ChunkInfo Chunk)>();
            while (true)
            {
                var frame = await reader.ReadAsync(timeouts.Token).ConfigureAwait(false);
                if (frame is null || !frame.IsComplete)
                {
                    return new StreamOpenResult.Failed(
                        new TierFailure(FailureClass.Outage, "stream-ended", "the stream ended before the first token"));
                }
                var chunk = ChunkInfo.Parse(frame.Data);
                if (chunk.ErrorJson is { } errorJson)
                {
                    return new StreamOpenResult.Failed(FailureClassifier.FromStreamError(Redact(errorJson)));
                }
                if (chunk.IsMalformed)
                {
                    return new StreamOpenResult.Failed(
                        new TierFailure(FailureClass.Outage, "malformed-stream", "the stream sent a chunk that is not OpenAI JSON"));
                }
                held.Add((frame, chunk));
                if (chunk.HasOutput || chunk.FinishReason is not null || chunk.IsDone)
                {
                    timeouts.FirstTokenSeen();
                    committed = true;
                    return new StreamOpenResult.Committed(new UpstreamStream(this, _time, message, response, reader, timeouts, held, started));
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new StreamOpenResult.Failed(FailureClassifier.FromException(ex, caller.IsCancellationRequested, timeouts.Fired));
        }
        finally
        {
            if (!committed)
            {
                if (reader is not null)
                {
                    await reader.DisposeAsync().ConfigureAwait(false);
                }
                response?.Dispose();
                message?.Dispose();
                timeouts.Dispose();
            }
        }
    }

    /// <summary>
    /// One <c>embeddings</c> request for an upstream whose <see cref="UpstreamConfig.Api"/> is embeddings. The answer is
    /// whole or nothing, so only the total timeout applies. Failures come back classified like a chat attempt's.
    /// </summary>
    public Task<UpstreamEmbeddingResult> EmbedAsync(IReadOnlyList<EmbeddingInput> inputs, CancellationToken caller) =>
        EmbedAsync(inputs, Config.Timeouts.Total, caller);

    /// <summary>What <see cref="ProbeAsync"/> sends for <paramref name="kind"/>, for messages ("POST https://…/v1/chat/completions").</summary>
    public string DescribeProbe(ProbeKind kind) => kind == ProbeKind.Request ? DescribeTraffic() : $"GET {_models}";

    /// <summary>What real traffic sends (chat, whose legacy completions go to <c>completions</c> on the same root; or embeddings).</summary>
    public string DescribeTraffic() => Config.Api == UpstreamApi.Embeddings ? $"POST {_embeddings}" : $"POST {_chat}";

    /// <summary>
    /// One failback probe over this client's HttpClient, base URL, model and key. <see cref="ProbeKind.Request"/> (the
    /// default) is the route's real request: built by <see cref="BuildRequest"/> and opened by
    /// <see cref="OpenStreamAsync"/> exactly as traffic is (same method, path, headers, streaming), only with a one-line
    /// chat and <paramref name="maxTokens"/>, so a key throttled for chat cannot sound healthy. <see cref="ProbeKind.Models"/>
    /// is the opt-in <c>GET {baseUrl}models</c>. Returns null when the upstream answered well, else the failure
    /// classified like any attempt's.
    /// </summary>
    public async Task<TierFailure?> ProbeAsync(ProbeKind kind, int maxTokens, TimeSpan timeout, CancellationToken caller)
    {
        if (kind == ProbeKind.Request && Config.Api == UpstreamApi.Embeddings)
        {
            return (await EmbedAsync([EmbeddingInput.FromText("ping")], timeout, caller).ConfigureAwait(false)).Failure;
        }
        if (kind == ProbeKind.Request)
        {
            var request = GenerationRequest.Chat([new("user", "ping")], new SamplingOptions { MaxTokens = maxTokens });
            switch (await OpenStreamAsync(request, timeout, timeout, caller).ConfigureAwait(false))
            {
                case StreamOpenResult.Committed committed:
                    // The first token proves it; the rest of a few-token answer is not worth waiting for.
                    await committed.Stream.DisposeAsync().ConfigureAwait(false);
                    return null;
                case StreamOpenResult.Failed failed:
                    return failed.Failure;
            }
        }
        using var timeouts = new AttemptTimeouts(_time, timeout, timeout, timeout, caller);
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, _models);
            message.Headers.Accept.Add(AcceptJson);
            Authorize(message);
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeouts.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : await ReadFailureAsync(response, timeouts.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return FailureClassifier.FromException(ex, caller.IsCancellationRequested, timeouts.Fired);
        }
    }

    private async Task<UpstreamEmbeddingResult> EmbedAsync(IReadOnlyList<EmbeddingInput> inputs, TimeSpan timeout, CancellationToken caller)
    {
        using var timeouts = new AttemptTimeouts(_time, timeout, timeout, timeout, caller);
        var started = _time.GetTimestamp();
        try
        {
            using var content = new ByteArrayContent(EmbeddingsWire.Write(inputs, Config.Model));
            content.Headers.ContentType = Json;
            using var message = new HttpRequestMessage(HttpMethod.Post, _embeddings) { Content = content };
            message.Headers.Accept.Add(AcceptJson);
            Authorize(message);
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeouts.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return new UpstreamEmbeddingResult(null, await ReadFailureAsync(response, timeouts.Token).ConfigureAwait(false));
            }
            var body = Redact(await ReadBoundedAsync(response.Content, MaxEmbeddingsBytes, timeouts.Token).ConfigureAwait(false));
            var (result, failure) = EmbeddingsWire.Read(body.Span, inputs.Count, _time.GetElapsedTime(started));
            return new UpstreamEmbeddingResult(result, failure);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new UpstreamEmbeddingResult(null, FailureClassifier.FromException(ex, caller.IsCancellationRequested, timeouts.Fired));
        }
    }

    internal HttpRequestMessage BuildRequest(GenerationRequest request, bool stream)
    {
        var uri = request.Messages is not null ? _chat : _completions;
        var content = new ByteArrayContent(OpenAiRequestWriter.Write(request, Config.Model, stream));
        content.Headers.ContentType = Json;
        var message = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        message.Headers.Accept.Add(stream ? AcceptEventStream : AcceptJson);
        Authorize(message);
        return message;
    }

    private void Authorize(HttpRequestMessage message)
    {
        if (_key is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _key.Reveal());
        }
    }

    /// <summary>The upstream's bytes without our key in them (some servers echo the Authorization header in errors).</summary>
    internal ReadOnlyMemory<byte> Redact(ReadOnlyMemory<byte> body) => SecretRedaction.Redact(body, _key);

    internal string Redact(string text) => SecretRedaction.Redact(text, _key);

    private async Task<TierFailure> ReadFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var retryAfter = RetryAfterParser.Parse(response.Headers, _time.GetUtcNow());
        ReadOnlyMemory<byte> body;
        try
        {
            body = Redact(await ReadBoundedAsync(response.Content, FailureClassifier.MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            // The status alone still classifies the failure.
            body = ReadOnlyMemory<byte>.Empty;
        }
        return FailureClassifier.FromStatus((int)response.StatusCode, body, response.Content.Headers.ContentType?.ToString(), retryAfter);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBoundedAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[Math.Min(limit, 16 * 1024)];
            var length = 0;
            while (length < limit)
            {
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, Math.Min(limit, buffer.Length * 2));
                }
                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }
                length += read;
            }
            return buffer.AsMemory(0, length);
        }
    }
}

/// <summary>The vectors, or the classified failure.</summary>
public sealed record UpstreamEmbeddingResult(EmbeddingResult? Result, TierFailure? Failure);
