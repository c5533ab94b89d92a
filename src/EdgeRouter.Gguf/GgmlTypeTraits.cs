namespace EdgeRouter.Gguf;

/// <summary>Block geometry of each <see cref="GgmlType"/>: a row of n elements takes n / BlockSize * TypeSize bytes.</summary>
public static class GgmlTypeTraits
{
    private readonly record struct Traits(string Name, int BlockSize, int TypeSize);

    // Sizes measured with sizeof(block_*) from ggml-common.h of the exact llama.cpp source the binaries were built from.
    private static readonly Traits?[] Table = Build();

    private static Traits?[] Build()
    {
        var t = new Traits?[43];
        t[(int)GgmlType.F32] = new("F32", 1, 4);
        t[(int)GgmlType.F16] = new("F16", 1, 2);
        t[(int)GgmlType.Q4_0] = new("Q4_0", 32, 18);
        t[(int)GgmlType.Q4_1] = new("Q4_1", 32, 20);
        t[(int)GgmlType.Q5_0] = new("Q5_0", 32, 22);
        t[(int)GgmlType.Q5_1] = new("Q5_1", 32, 24);
        t[(int)GgmlType.Q8_0] = new("Q8_0", 32, 34);
        t[(int)GgmlType.Q8_1] = new("Q8_1", 32, 36);
        t[(int)GgmlType.Q2_K] = new("Q2_K", 256, 84);
        t[(int)GgmlType.Q3_K] = new("Q3_K", 256, 110);
        t[(int)GgmlType.Q4_K] = new("Q4_K", 256, 144);
        t[(int)GgmlType.Q5_K] = new("Q5_K", 256, 176);
        t[(int)GgmlType.Q6_K] = new("Q6_K", 256, 210);
        t[(int)GgmlType.Q8_K] = new("Q8_K", 256, 292);
        t[(int)GgmlType.IQ2_XXS] = new("IQ2_XXS", 256, 66);
        t[(int)GgmlType.IQ2_XS] = new("IQ2_XS", 256, 74);
        t[(int)GgmlType.IQ3_XXS] = new("IQ3_XXS", 256, 98);
        t[(int)GgmlType.IQ1_S] = new("IQ1_S", 256, 50);
        t[(int)GgmlType.IQ4_NL] = new("IQ4_NL", 32, 18);
        t[(int)GgmlType.IQ3_S] = new("IQ3_S", 256, 110);
        t[(int)GgmlType.IQ2_S] = new("IQ2_S", 256, 82);
        t[(int)GgmlType.IQ4_XS] = new("IQ4_XS", 256, 136);
        t[(int)GgmlType.I8] = new("I8", 1, 1);
        t[(int)GgmlType.I16] = new("I16", 1, 2);
        t[(int)GgmlType.I32] = new("I32", 1, 4);
        t[(int)GgmlType.I64] = new("I64", 1, 8);
        t[(int)GgmlType.F64] = new("F64", 1, 8);
        t[(int)GgmlType.IQ1_M] = new("IQ1_M", 256, 56);
        t[(int)GgmlType.BF16] = new("BF16", 1, 2);
        t[(int)GgmlType.TQ1_0] = new("TQ1_0", 256, 54);
        t[(int)GgmlType.TQ2_0] = new("TQ2_0", 256, 66);
        t[(int)GgmlType.MXFP4] = new("MXFP4", 32, 17);
        t[(int)GgmlType.NVFP4] = new("NVFP4", 64, 36);
        t[(int)GgmlType.Q1_0] = new("Q1_0", 128, 18);
        t[(int)GgmlType.Q2_0] = new("Q2_0", 64, 18);
        return t;
    }

    /// <summary>True when <paramref name="type"/> is a type this llama.cpp can load from a GGUF file.</summary>
    public static bool IsKnown(GgmlType type) => (uint)type < (uint)Table.Length && Table[(int)type] is not null;

    /// <summary>Upper-case name as llama.cpp tools print it, e.g. "Q8_0"; "type 31" for unknown values.</summary>
    public static string GetName(GgmlType type) => IsKnown(type) ? Table[(int)type]!.Value.Name : $"type {(uint)type}";

    public static int GetBlockSize(GgmlType type) => Get(type).BlockSize;

    public static int GetTypeSize(GgmlType type) => Get(type).TypeSize;

    /// <summary>Bytes taken by <paramref name="elements"/> values; the count must be a whole number of blocks.</summary>
    public static long GetByteSize(GgmlType type, long elements)
    {
        var t = Get(type);
        if (elements < 0 || elements % t.BlockSize != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(elements), $"{elements} is not a whole number of {t.Name} blocks ({t.BlockSize}).");
        }

        return checked(elements / t.BlockSize * t.TypeSize);
    }

    private static Traits Get(GgmlType type) =>
        IsKnown(type) ? Table[(int)type]!.Value : throw new ArgumentOutOfRangeException(nameof(type), $"Unknown ggml type {(uint)type}.");
}
