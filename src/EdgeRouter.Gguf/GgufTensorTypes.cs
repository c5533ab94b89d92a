using System.Diagnostics.CodeAnalysis;

namespace EdgeRouter.Gguf;

/// <summary>Parsing and mapping for <see cref="GgufTensorType"/>; names are "f32", "f16", "q8_0" (any case).</summary>
public static class GgufTensorTypes
{
    public static IReadOnlyList<string> Names { get; } = ["f32", "f16", "q8_0"];

    public static bool TryParse([NotNullWhen(true)] string? text, out GgufTensorType type)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "f32": type = GgufTensorType.F32; return true;
            case "f16": type = GgufTensorType.F16; return true;
            case "q8_0": type = GgufTensorType.Q8_0; return true;
            default: type = default; return false;
        }
    }

    /// <exception cref="FormatException">with the list of valid names.</exception>
    public static GgufTensorType Parse(string text) =>
        TryParse(text, out var type)
            ? type
            : throw new FormatException($"Unknown tensor type '{text}'. Valid types: {string.Join(", ", Names)}.");

    public static string GetName(this GgufTensorType type) => Names[(int)type];

    public static GgmlType ToGgmlType(this GgufTensorType type) => type switch
    {
        GgufTensorType.F32 => GgmlType.F32,
        GgufTensorType.F16 => GgmlType.F16,
        GgufTensorType.Q8_0 => GgmlType.Q8_0,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>general.file_type (llama_ftype) for a model whose matrices are all of <paramref name="type"/>.</summary>
    public static uint ToFileType(this GgufTensorType type) => type switch
    {
        GgufTensorType.F32 => GgufFileTypes.AllF32,
        GgufTensorType.F16 => GgufFileTypes.MostlyF16,
        GgufTensorType.Q8_0 => GgufFileTypes.MostlyQ8_0,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
