namespace EdgeRouter.Gguf;

/// <summary>Names for general.file_type (llama_ftype in llama.h), the "quantization" users see, e.g. "Q4_K_M".</summary>
public static class GgufFileTypes
{
    public const uint AllF32 = 0;
    public const uint MostlyF16 = 1;
    public const uint MostlyQ8_0 = 7;

    private static readonly Dictionary<uint, string> Names = new()
    {
        [0] = "F32", [1] = "F16", [2] = "Q4_0", [3] = "Q4_1", [7] = "Q8_0", [8] = "Q5_0", [9] = "Q5_1",
        [10] = "Q2_K", [11] = "Q3_K_S", [12] = "Q3_K_M", [13] = "Q3_K_L", [14] = "Q4_K_S", [15] = "Q4_K_M",
        [16] = "Q5_K_S", [17] = "Q5_K_M", [18] = "Q6_K", [19] = "IQ2_XXS", [20] = "IQ2_XS", [21] = "Q2_K_S",
        [22] = "IQ3_XS", [23] = "IQ3_XXS", [24] = "IQ1_S", [25] = "IQ4_NL", [26] = "IQ3_S", [27] = "IQ3_M",
        [28] = "IQ2_S", [29] = "IQ2_M", [30] = "IQ4_XS", [31] = "IQ1_M", [32] = "BF16", [36] = "TQ1_0",
        [37] = "TQ2_0", [38] = "MXFP4_MOE", [39] = "NVFP4", [40] = "Q1_0", [41] = "Q2_0",
    };

    public static bool TryGetName(uint fileType, out string name) => Names.TryGetValue(fileType, out name!);

    /// <summary>
    /// The type holding most weight bytes among tensors with two or more dimensions: norms and biases are F32
    /// in every quantization, so counting them would hide the real one. Null when there are no such tensors.
    /// </summary>
    public static GgmlType? DominantType(IEnumerable<GgufTensorInfo> tensors)
    {
        var matrixBytes = new Dictionary<GgmlType, long>();
        var allBytes = new Dictionary<GgmlType, long>();
        foreach (var t in tensors)
        {
            allBytes[t.Type] = allBytes.GetValueOrDefault(t.Type) + t.ByteSize;
            if (t.Shape.Count >= 2 && t.Shape[1] > 1)
            {
                matrixBytes[t.Type] = matrixBytes.GetValueOrDefault(t.Type) + t.ByteSize;
            }
        }

        var pick = matrixBytes.Count > 0 ? matrixBytes : allBytes;
        return pick.Count == 0 ? null : pick.MaxBy(kv => kv.Value).Key;
    }
}
