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

        if (items is not null && !Matches(elementType, items))
        {
            throw new ArgumentException($"A {GgufValue.TypeName(elementType)} array cannot hold {items.GetType().Name}.", nameof(items));
        }

        ElementType = elementType;
        Count = count;
        Items = items;
    }

    public GgufValueType ElementType { get; }

    public long Count { get; }

    public Array? Items { get; }

    public override string ToString() => $"[{GgufValue.TypeName(ElementType)} x {Count}]";

    private static bool Matches(GgufValueType type, Array items) => type switch
    {
        GgufValueType.UInt8 => items is byte[],
        GgufValueType.Int8 => items is sbyte[],
        GgufValueType.UInt16 => items is ushort[],
        GgufValueType.Int16 => items is short[],
        GgufValueType.UInt32 => items is uint[],
        GgufValueType.Int32 => items is int[],
        GgufValueType.Float32 => items is float[],
        GgufValueType.Bool => items is bool[],
        GgufValueType.String => items is string[],
        GgufValueType.Array => items is GgufArray[],
        GgufValueType.UInt64 => items is ulong[],
        GgufValueType.Int64 => items is long[],
        GgufValueType.Float64 => items is double[],
        _ => false,
    };
}
