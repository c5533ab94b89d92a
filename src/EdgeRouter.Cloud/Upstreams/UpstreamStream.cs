using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using EdgeRouter.Cloud.Failures;
using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Cloud.Upstreams;

/// <summary>
/// A committed upstream stream (its first token has arrived). <see cref="PumpAsync"/> forwards every frame as it
/// arrives: raw bytes to the passthrough channel, decoded text to the text channel. After commit there is no failover,
/// so a failure ends the raw stream with an explicit <c>{"error":...}</c> event and no <c>[DONE]</c>, and faults the
/// text channel, so no client ever mistakes a cut stream for a complete answer.
/// </summary>
public sealed class UpstreamStream : IAsyncDisposable
{
    private static readonly byte[] DoneFrame = "data: [DONE]\n\n"u8.ToArray();

    private readonly UpstreamClient _owner;
    private readonly TimeProvider _time;
    private readonly HttpRequestMessage _request;
    private readonly HttpResponseMessage _response;
    private readonly SseFrameReader _reader;
    private readonly AttemptTimeouts _timeouts;
    private readonly List<(SseFrame Frame, ChunkInfo Chunk)> _held;
    private readonly long _started;
    private readonly long _committed;
    private int _disposed;

    internal UpstreamStream(UpstreamClient owner, TimeProvider time, HttpRequestMessage request, HttpResponseMessage response,
        SseFrameReader reader, AttemptTimeouts timeouts, List<(SseFrame, ChunkInfo)> held, long started)
    {
        _owner = owner;
        _time = time;
        _request = request;
        _response = response;
        _reader = reader;
        _timeouts = timeouts;
        _held = held;
        _started = started;
        _committed = time.GetTimestamp();
    }

    /// <summary>Time from sending to the first token.</summary>
    public TimeSpan TimeToFirstToken => _time.GetElapsedTime(_started, _committed);

    /// <summary>
    /// Forwards the stream to the end. Returns the generation's result; a caller cancellation ends it with
    /// <see cref="FinishReason.Cancelled"/>; an upstream failure calls <paramref name="onFailure"/> (health accounting)
    /// and throws <see cref="UpstreamStreamException"/> after writing the error event.
    /// </summary>
    public async Task<GenerationResult> PumpAsync(ChannelWriter<string> text, ChannelWriter<ReadOnlyMemory<byte>> raw,
        int estimatedPromptTokens, Action<TierFailure>? onFailure, CancellationToken caller)
    {
        var finish = (string?)null;
        int? promptTokens = null;
        int? completionTokens = null;
        var contentChunks = 0;
        var toolCalls = new ToolCallAssembler();

        void Apply(SseFrame frame, ChunkInfo chunk)
        {
            raw.TryWrite(frame.Raw);
            if (chunk.ToolCalls is { } calls)
            {
                toolCalls.Add(calls);
            }
            if (!string.IsNullOrEmpty(chunk.Content))
            {
                text.TryWrite(chunk.Content);
                contentChunks++;
            }
            finish = chunk.FinishReason ?? finish;
            promptTokens = chunk.PromptTokens ?? promptTokens;
            completionTokens = chunk.CompletionTokens ?? completionTokens;
        }

        try
        {
            var done = false;
            foreach (var (frame, chunk) in _held)
            {
                Apply(frame, chunk);
                done |= chunk.IsDone;
            }
            _held.Clear();

            while (!done)
            {
                var frame = await _reader.ReadAsync(_timeouts.Token).ConfigureAwait(false);
                if (frame is null || !frame.IsComplete)
                {
                    if (finish is not null)
                    {
                        // Finished properly but the server omitted [DONE]; clients expect it.
                        raw.TryWrite(DoneFrame);
                        break;
                    }
                    throw new StreamBrokenException(new TierFailure(FailureClass.Outage, "stream-ended",
                        "the stream ended without finishing the answer"));
                }
                _timeouts.ChunkSeen();
                var chunk = ChunkInfo.Parse(frame.Data);
                if (chunk.ErrorJson is { } error)
                {
                    // The upstream's own error event is already explicit: pass it through as the last frame.
                    raw.TryWrite(_owner.Redact(frame.Raw));
                    throw new StreamBrokenException(FailureClassifier.FromStreamError(_owner.Redact(error)), errorEventWritten: true);
                }
                Apply(frame, chunk);
                done = chunk.IsDone;
            }

            raw.TryComplete();
            text.TryComplete();
            return Result(finish is null && !done ? FinishReason.Stop : MapFinishReason(finish));
        }
        catch (Exception ex) when (caller.IsCancellationRequested && ex is OperationCanceledException or IOException or HttpRequestException)
        {
            raw.TryComplete();
            text.TryComplete();
            return Result(FinishReason.Cancelled);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var failure = ex is StreamBrokenException broken
                ? broken.Failure
                : FailureClassifier.FromException(ex, clientCancelled: false, _timeouts.Fired);
            if (ex is not StreamBrokenException { ErrorEventWritten: true })
            {
                raw.TryWrite(ErrorEvent(_owner.Name, failure));
            }
            var exception = new UpstreamStreamException(_owner.Name, failure);
            raw.TryComplete();
            text.TryComplete(exception);
            onFailure?.Invoke(failure);
            throw exception;
        }
        finally
        {
            await DisposeAsync().ConfigureAwait(false);
        }

        GenerationResult Result(FinishReason reason)
        {
            var end = _time.GetTimestamp();
            return new GenerationResult(reason,
                promptTokens ?? estimatedPromptTokens,
                completionTokens ?? contentChunks,
                TimeToFirstToken,
                _time.GetElapsedTime(_committed, end))
            {
                // A cancelled answer's calls may be cut mid-argument: none is better than a broken one.
                ToolCalls = reason == FinishReason.Cancelled ? null : toolCalls.Build(),
            };
        }
    }

    /// <summary>The SSE event that ends a broken stream: OpenAI's error shape, which the official SDKs raise as an error.</summary>
    public static byte[] ErrorEvent(string upstream, TierFailure failure)
    {
        using var buffer = new MemoryStream();
        buffer.Write("data: "u8);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("message", $"upstream '{upstream}' failed mid-stream: {failure.Message}");
            json.WriteString("type", "upstream_error");
            json.WriteString("code", "upstream_stream_interrupted");
            json.WriteString("reason", failure.Reason);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        buffer.Write("\n\n"u8);
        return buffer.ToArray();
    }

    private static FinishReason MapFinishReason(string? reason) =>
        string.Equals(reason, "length", StringComparison.OrdinalIgnoreCase) ? FinishReason.Length : FinishReason.Stop;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _reader.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
        _request.Dispose();
        _timeouts.Dispose();
    }

    private sealed class StreamBrokenException(TierFailure failure, bool errorEventWritten = false) : Exception(failure.Message)
    {
        public TierFailure Failure { get; } = failure;

        public bool ErrorEventWritten { get; } = errorEventWritten;
    }
}
