namespace EdgeRouter.Gguf;

/// <summary>
/// An array metadata value. <see cref="Items"/> is null when the reader skipped the elements
/// (the default: a 150k-token vocabulary is megabytes that most callers never look at).
/// </summary>
/// <remarks>
/// Items, when present, is a typed CLR array: byte[], sbyte[], ushort[], short[], uint[], int[], float[], bool[],
/// string[], ulong[], long[], double[], or GgufArray[] for nested arrays.
/// </remarks>
public sealed class GgufArray
{
    public GgufArray(GgufValueType elementType, long count, Array? items = null)
    {
        if (items is not null && items.LongLength != count)
        {
            throw new ArgumentException($"Items has {items.LongLength} elements but count is {count}.", nameof(items));
        }

        ElementType = elementType;
        Count = count;
        Items = items;
    }

    public GgufValueType ElementType { get; }

    public long Count { get; }

    public Array? Items { get; }

    public override string ToString() => $"[{GgufValue.TypeName(ElementType)} x {Count}]";
}
