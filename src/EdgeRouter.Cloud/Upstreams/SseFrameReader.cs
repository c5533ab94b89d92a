using System.Buffers;
using System.IO.Pipelines;

namespace EdgeRouter.Cloud.Upstreams;

/// <summary>
/// Splits an SSE byte stream into frames as they arrive (a frame ends at a blank line: LF, CRLF or CR endings).
/// Nothing is buffered beyond the frame being assembled, so each frame can be forwarded the moment it is complete.
/// </summary>
public sealed class SseFrameReader : IAsyncDisposable
{
    /// <summary>A single event larger than this is not a chat chunk; the stream is treated as broken.</summary>
    public const int MaxFrameBytes = 1 << 20;

    private readonly PipeReader _reader;

    public SseFrameReader(Stream stream)
    {
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 4096, minimumReadSize: 1024, leaveOpen: true));
    }

    /// <summary>The next frame, or null at the end of the stream. A trailing partial frame is returned with IsComplete = false.</summary>
    public async ValueTask<SseFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (TryFindFrameEnd(buffer, result.IsCompleted, out var end))
            {
                var frame = buffer.Slice(0, end).ToArray();
                _reader.AdvanceTo(end);
                return SseFrame.Parse(frame, isComplete: true);
            }
            if (buffer.Length > MaxFrameBytes)
            {
                _reader.AdvanceTo(buffer.End);
                throw new InvalidDataException($"an SSE event exceeded {MaxFrameBytes} bytes");
            }
            if (result.IsCompleted)
            {
                if (buffer.IsEmpty)
                {
                    _reader.AdvanceTo(buffer.End);
                    return null;
                }
                var partial = buffer.ToArray();
                _reader.AdvanceTo(buffer.End);
                return SseFrame.Parse(partial, isComplete: false);
            }
            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Finds the end of the first blank line (the frame delimiter), after its line terminator.</summary>
    internal static bool TryFindFrameEnd(ReadOnlySequence<byte> buffer, bool isCompleted, out SequencePosition end)
    {
        var reader = new SequenceReader<byte>(buffer);
        var atLineStart = false;
        var first = true;
        while (reader.TryRead(out var b))
        {
            if (b is (byte)'\n' or (byte)'\r')
            {
                if (b == '\r')
                {
                    if (reader.TryPeek(out var next))
                    {
                        if (next == '\n')
                        {
                            reader.Advance(1);
                        }
                    }
                    else if (!isCompleted)
                    {
                        // A CR at the end of what we have: an LF may follow in the next read.
                        break;
                    }
                }
                if (atLineStart || first)
                {
                    end = reader.Position;
                    return true;
                }
                atLineStart = true;
            }
            else
            {
                atLineStart = false;
            }
            first = false;
        }
        end = default;
        return false;
    }

    public ValueTask DisposeAsync() => _reader.CompleteAsync();
}
