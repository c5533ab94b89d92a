using EdgeRouter.Edge.Memory;
using EdgeRouter.Edge.Telemetry;

namespace EdgeRouter.Tests.Edge.Memory;

public sealed class ContextFitTests
{
    private const long MiB = 1024 * 1024;
    private const long Margin = 256 * MiB;

    // qwen2.5-0.5b: 24 layers, 2 KV heads, 64 + 64 head dims: 6144 elements a token, 12 KiB in f16.
    private static readonly KvCacheShape Qwen05 = new(24, 2, 64, 64);
    private static readonly ModelMemoryRequest Qwen = new("qwen", 531 * MiB, 1, Qwen05);

    private static MemoryReading Available(long bytes) => new(8L * 1024 * MiB, bytes, null, null);

    private static ContextChoice Choose(long available, double bytesPerElement = 2, int? trained = 32768, int ceiling = 32768) =>
        ContextFit.Choose(Qwen, Available(available), new MemoryGuardOptions { MarginBytes = Margin, KvBytesPerElement = bytesPerElement },
            trained, ceiling, floor: 2048);

    [Fact]
    public void PlentyOfMemory_TakesTheCeiling()
    {
        var choice = Choose(8L * 1024 * MiB);

        Assert.Equal(32768, choice.Tokens);
        Assert.Contains("maxContextLength", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainedContextBelowTheCeiling_Caps()
    {
        Assert.Equal(8192, Choose(8L * 1024 * MiB, trained: 8192).Tokens);
    }

    [Fact]
    public void TightMemory_TakesTheLargestMultipleOf256ThatFits_AndPassesTheGuard()
    {
        // Room for exactly 10,000 tokens of 12 KiB: 9,999 whole tokens after the guard's rounding, 9,984 on the 256 grid.
        var available = 531 * MiB + Margin + 10_000L * 12 * 1024;

        var choice = Choose(available);

        Assert.Equal(9984, choice.Tokens);
        var check = MemoryGuard.Check(Qwen with { ContextLength = choice.Tokens }, Available(available), new MemoryGuardOptions { MarginBytes = Margin });
        Assert.True(check.Fits);
        Assert.False(MemoryGuard.Check(Qwen with { ContextLength = choice.Tokens + ContextFit.Granularity }, Available(available),
            new MemoryGuardOptions { MarginBytes = Margin }).Fits);
    }

    [Fact]
    public void QuantizedCache_HoldsMoreTokensInTheSameMemory()
    {
        var available = 531 * MiB + Margin + 10_000L * 12 * 1024;

        var f16 = Choose(available, trained: 65536, ceiling: 65536).Tokens;
        var q8 = Choose(available, bytesPerElement: 34.0 / 32, trained: 65536, ceiling: 65536).Tokens;
        var q4 = Choose(available, bytesPerElement: 18.0 / 32, trained: 65536, ceiling: 65536).Tokens;

        Assert.InRange(q8, f16 * 18 / 10, f16 * 2);
        Assert.InRange(q4, f16 * 34 / 10, f16 * 36 / 10);
    }

    [Fact]
    public void NothingFits_ChoosesTheFloor_SoTheGuardRefusesWithItsSentence()
    {
        Assert.Equal(2048, Choose(100 * MiB).Tokens);
    }

    [Fact]
    public void UnknownMemory_TakesASmallDefault()
    {
        var choice = ContextFit.Choose(Qwen, MemoryReading.Unknown, new MemoryGuardOptions(), 32768, 32768, 2048);

        Assert.Equal(ContextFit.UnknownMemoryDefault, choice.Tokens);
    }
}
