using EdgeRouter.Llama.Engine;

namespace EdgeRouter.Tests.Llama.Engine;

public sealed class PhysicalCoresTests
{
    [Fact]
    public void Parse_HyperThreadedX86_CountsCoresNotThreads()
    {
        // 2 packages x 2 cores x 2 threads.
        var cpuinfo = string.Join("\n\n", Processors((0, 0), (0, 0), (0, 1), (0, 1), (1, 0), (1, 0), (1, 1), (1, 1)));

        Assert.Equal(4, PhysicalCores.Parse(cpuinfo));
    }

    [Fact]
    public void Parse_ArmWithoutTopology_ReturnsNull()
    {
        const string CpuInfo = "processor\t: 0\nBogoMIPS\t: 108.00\nCPU implementer\t: 0x41\n\nprocessor\t: 1\nBogoMIPS\t: 108.00\n";

        Assert.Null(PhysicalCores.Parse(CpuInfo));
    }

    [Fact]
    public void Detect_IsWithinProcessorCount() =>
        Assert.InRange(PhysicalCores.Detect(), 1, Environment.ProcessorCount);

    private static IEnumerable<string> Processors(params (int Package, int Core)[] cpus) =>
        cpus.Select((c, i) => $"processor\t: {i}\nvendor_id\t: GenuineIntel\nphysical id\t: {c.Package}\nsiblings\t: 4\ncore id\t\t: {c.Core}\ncpu cores\t: 2");
}
