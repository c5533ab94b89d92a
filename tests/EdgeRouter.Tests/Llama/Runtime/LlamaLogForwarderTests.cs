using System.Text;
using EdgeRouter.Llama.Native;
using EdgeRouter.Llama.Runtime;
using Microsoft.Extensions.Logging;
using EdgeRouter.Tests.Llama.Engine;

namespace EdgeRouter.Tests.Llama.Runtime;

public sealed class LlamaLogForwarderTests
{
    private readonly ListLogger _logger = new();
    private readonly LlamaLogForwarder _forwarder;

    public LlamaLogForwarderTests() => _forwarder = new LlamaLogForwarder(_logger);

    [Fact]
    public void Write_PartialLines_AreBufferedUntilNewline()
    {
        Write(GgmlLogLevel.Info, "load: 12 ");
        Write(GgmlLogLevel.Cont, "tensors");
        Assert.Empty(_logger.Records);

        Write(GgmlLogLevel.Cont, " done\nnext");

        var record = Assert.Single(_logger.Records);
        Assert.Equal("llama.cpp: load: 12 tensors done", record.Message);
    }

    [Fact]
    public void Write_ContinuationKeepsTheLevelOfTheLineItContinues()
    {
        Write(GgmlLogLevel.Warn, "low memory: ");
        Write(GgmlLogLevel.Cont, "12 MiB\n");

        var record = Assert.Single(_logger.Records);
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Equal("llama.cpp: low memory: 12 MiB", record.Message);
    }

    [Fact]
    public void Write_NewRecord_FlushesUnterminatedPrevious()
    {
        Write(GgmlLogLevel.Error, "no newline");
        Write(GgmlLogLevel.Info, "second\n");

        Assert.Equal([LogLevel.Error, LogLevel.Debug], _logger.Records.Select(r => r.Level));
    }

    [Theory]
    [InlineData(1, LogLevel.Debug)]
    [InlineData(2, LogLevel.Debug)]
    [InlineData(3, LogLevel.Warning)]
    [InlineData(4, LogLevel.Error)]
    public void Map_NativeLevels(int native, LogLevel expected) => Assert.Equal(expected, LlamaLogForwarder.Map((GgmlLogLevel)native));

    [Fact]
    public void Write_BackendChoice_IsPromotedToInformation()
    {
        Write(GgmlLogLevel.Info, "load_backend: loaded CPU backend from /x/libggml-cpu-haswell.so\n");

        Assert.Equal(LogLevel.Information, Assert.Single(_logger.Records).Level);
    }

    [Fact]
    public void Write_ErrorsWhileAborting_AreDemotedToDebug()
    {
        using var abort = new AbortFlag();
        abort.Set();
        LlamaLogForwarder.SetCancellableWork(abort);
        try
        {
            Write(GgmlLogLevel.Error, "llama_decode: failed to decode, ret = 2\n");
        }
        finally
        {
            LlamaLogForwarder.SetCancellableWork(null);
        }

        Assert.Equal(LogLevel.Debug, Assert.Single(_logger.Records).Level);
    }

    private void Write(GgmlLogLevel level, string text) => _forwarder.Write(level, Encoding.UTF8.GetBytes(text));
}
