namespace EdgeRouter.Gguf;

/// <summary>One tensor's header entry. <see cref="Offset"/> is relative to the data section.</summary>
public sealed record GgufTensorInfo
{
    public required string Name { get; init; }

    public required GgmlType Type { get; init; }

    /// <summary>ggml order: Shape[0] is the row length (contiguous), as in ne[].</summary>
    public required IReadOnlyList<long> Shape { get; init; }

    public required ulong Offset { get; init; }

    public required long ElementCount { get; init; }

    public required long ByteSize { get; init; }

    public string TypeName => GgmlTypeTraits.GetName(Type);

    public override string ToString() => $"{Name} {TypeName} [{string.Join(", ", Shape)}] @{Offset}";
}
