using EdgeRouter.Edge.Memory;
using EdgeRouter.Edge.Telemetry;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Edge.Memory;

public sealed class MemoryGuardTests
{
    private const long MiB = 1024 * 1024;
    private const long GiB = 1024 * MiB;

    // Qwen2.5-0.5B: 24 layers, 14 heads, 2 KV heads, embedding 896 → head dim 64.
    private static readonly KvCacheShape Qwen05 = KvCacheShape.FromMetadata(24, 14, 2, 896)!;

    [Fact]
    public void KvCacheShape_FromMetadata()
    {
        Assert.Equal(new KvCacheShape(24, 2, 64, 64), Qwen05);
        Assert.Equal(24 * 2 * 128, Qwen05.ElementsPerToken);
        Assert.Equal(new KvCacheShape(32, 8, 128, 96), KvCacheShape.FromMetadata(32, 32, 8, 4096, keyLength: 128, valueLength: 96));
        Assert.Equal(new KvCacheShape(32, 32, 128, 128), KvCacheShape.FromMetadata(32, 32, null, 4096));
        Assert.Null(KvCacheShape.FromMetadata(null, 32, 8, 4096));
        Assert.Null(KvCacheShape.FromMetadata(32, null, null, 4096));
    }

    [Fact]
    public void Check_SmallModel_Fits()
    {
        var check = MemoryGuard.Check(new ModelMemoryRequest("qwen2.5-0.5b-q8_0.gguf", 531 * MiB, 4096, Qwen05),
            new MemoryReading(4 * GiB, 3 * GiB, null, null), new MemoryGuardOptions());

        Assert.True(check.Fits);
        Assert.False(check.KvEstimated);
        Assert.Equal(24L * 2 * 128 * 4096 * 2, check.KvCacheBytes); // 48 MiB
        Assert.Equal((531 + 48 + 256) * MiB, check.RequiredBytes);
        Assert.EndsWith("ok", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TooLargeModel_RefusedWithClearMessage()
    {
        // An 8B Q4 model (4.6 GiB, 32 layers, 8 KV heads, head dim 128) on a 4 GB Pi with 3.2 GiB available.
        var shape = KvCacheShape.FromMetadata(32, 32, 8, 4096);
        var check = MemoryGuard.Check(new ModelMemoryRequest("llama-3.1-8b-q4_k_m.gguf", (long)(4.6 * GiB), 8192, shape),
            new MemoryReading(4 * GiB, (long)(3.2 * GiB), null, null), new MemoryGuardOptions());

        Assert.False(check.Fits);
        Assert.Equal(1 * GiB, check.KvCacheBytes);
        Assert.Equal(
            "model 'llama-3.1-8b-q4_k_m.gguf' does not fit in memory: it needs about 5.8 GiB (weights 4.6 GiB + KV cache 1.0 GiB " +
            "for 8192 tokens + margin 256 MiB) but only 3.2 GiB is available (MemAvailable in /proc/meminfo). Use a smaller model " +
            "or quantization, lower model.contextLength, or free memory (raise MemoryMax= if the service's limit is the cap).",
            check.Message);
        var ex = new ModelTooLargeException(check);
        Assert.Equal(check.Message, ex.Message);
    }

    [Fact]
    public void Check_CgroupLimitBelowMemAvailable_IsTheCap()
    {
        var check = MemoryGuard.Check(new ModelMemoryRequest("m.gguf", 2 * GiB, 2048, Qwen05),
            new MemoryReading(8 * GiB, 7 * GiB, 2 * GiB, 100 * MiB), new MemoryGuardOptions());

        Assert.False(check.Fits);
        Assert.Equal(2 * GiB - (100 * MiB), check.AvailableBytes);
        Assert.Contains("MemoryMax", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NoShape_EstimatesFromFileSize()
    {
        var check = MemoryGuard.Check(new ModelMemoryRequest("m.gguf", 1 * GiB, 2048, null),
            new MemoryReading(null, 8 * GiB, null, null), new MemoryGuardOptions());

        Assert.True(check.KvEstimated);
        Assert.Equal(256 * MiB, check.KvCacheBytes); // 0.5 of the file per 4096 tokens, at 2048 tokens
        Assert.Contains("KV cache ~256 MiB", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MemoryUnknown_AllowsAndSaysSo()
    {
        var check = MemoryGuard.Check(new ModelMemoryRequest("m.gguf", 100 * GiB, 2048, Qwen05), MemoryReading.Unknown, new MemoryGuardOptions());

        Assert.True(check.Fits);
        Assert.Null(check.AvailableBytes);
        Assert.Contains("unknown, not checked", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AgainstPi5Fixture_UsesServiceLimit()
    {
        var reader = new TelemetryReader(new TelemetryOptions { Root = FixtureTrees.PathOf(FixtureTrees.Pi5) }, TestClock.Fake());

        var check = MemoryGuard.Check(new ModelMemoryRequest("big.gguf", 6 * GiB, 4096, Qwen05), reader.ReadMemory(), new MemoryGuardOptions());

        Assert.False(check.Fits);
        Assert.Equal((6 * GiB) - (100 * MiB), check.AvailableBytes);
    }

    [Theory]
    [InlineData(512L, "512 B")]
    [InlineData(2048L, "2 KiB")]
    [InlineData(256L * 1024 * 1024, "256 MiB")]
    [InlineData(3L * 1024 * 1024 * 1024 + (400L * 1024 * 1024), "3.4 GiB")]
    public void ByteSize_Format(long bytes, string expected) => Assert.Equal(expected, ByteSize.Format(bytes));
}
