using System.Threading.Channels;

namespace EdgeRouter.Tests.Support;

/// <summary>
/// A read-only stream over another that tells when its reader asks for more. A reader that asks again after it has
/// been handed N bytes has looked at all N and is waiting for the rest: the moment to check that it did not act early,
/// with no sleep guessing how long the looking takes.
/// </summary>
public sealed class ReadWatchStream(Stream inner) : Stream
{
    private readonly Channel<long> _reads = Channel.CreateUnbounded<long>();
    private long _delivered;

    /// <summary>Completes when a read starts after at least <paramref name="bytes"/> bytes were handed out.</summary>
    public async Task WaitForReadAfterAsync(long bytes, CancellationToken cancellationToken = default)
    {
        await foreach (var delivered in _reads.Reader.ReadAllAsync(cancellationToken))
        {
            if (delivered >= bytes)
            {
                return;
            }
        }
        throw new InvalidOperationException($"the stream was disposed after {Interlocked.Read(ref _delivered)} of {bytes} bytes");
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _reads.Writer.TryWrite(Interlocked.Read(ref _delivered));
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Interlocked.Add(ref _delivered, read);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reads.Writer.TryComplete();
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
