namespace EdgeRouter.Gguf;

internal static partial class GgufHeaderParser
{
    private static List<GgufTensorInfo> ReadTensorInfos(GgufByteReader r, long count)
    {
        var tensors = new List<GgufTensorInfo>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (long i = 0; i < count; i++)
        {
            var at = r.Position;
            var name = r.ReadString(GgufConstants.MaxTensorNameBytes, $"tensor info {i} name");
            if (!names.Add(name))
            {
                throw r.Error($"duplicate tensor name '{name}' (tensor info {i} at byte {at})", at);
            }

            var shape = ReadShape(r, name);
            var elements = CountElements(r, name, shape);

            var typeAt = r.Position;
            var type = (GgmlType)r.ReadU32($"the type of tensor '{name}'");
            if (!GgmlTypeTraits.IsKnown(type))
            {
                throw r.Error($"tensor '{name}' has unknown ggml type {(uint)type} at byte {typeAt}", typeAt);
            }

            var blockSize = GgmlTypeTraits.GetBlockSize(type);
            var rowLength = shape.Length > 0 ? shape[0] : 1;
            if (rowLength % blockSize != 0)
            {
                throw r.Error($"tensor '{name}' has rows of {rowLength} elements, not a multiple of the {GgmlTypeTraits.GetName(type)} block size {blockSize}", typeAt);
            }

            var byteSize = (UInt128)(elements / blockSize) * (uint)GgmlTypeTraits.GetTypeSize(type);
            if (byteSize > long.MaxValue)
            {
                throw r.Error($"tensor '{name}' size of {byteSize} bytes is absurd", typeAt);
            }

            var offset = r.ReadU64($"the offset of tensor '{name}'");
            tensors.Add(new GgufTensorInfo
            {
                Name = name,
                Type = type,
                Shape = shape,
                Offset = offset,
                ElementCount = elements,
                ByteSize = (long)byteSize,
            });
        }

        return tensors;
    }

    private static long[] ReadShape(GgufByteReader r, string name)
    {
        var at = r.Position;
        var dims = r.ReadU32($"the dimension count of tensor '{name}'");
        if (dims > GgufConstants.MaxDimensions)
        {
            throw r.Error($"tensor '{name}' has {dims} dimensions (ggml allows at most {GgufConstants.MaxDimensions})", at);
        }

        var shape = new long[dims];
        for (var d = 0; d < shape.Length; d++)
        {
            at = r.Position;
            var ne = r.ReadU64($"dimension {d} of tensor '{name}'");
            if (ne > long.MaxValue)
            {
                throw r.Error($"tensor '{name}' dimension {d} is {(long)ne} (negative)", at);
            }

            shape[d] = (long)ne;
        }

        return shape;
    }

    private static long CountElements(GgufByteReader r, string name, long[] shape)
    {
        UInt128 elements = 1;
        foreach (var ne in shape)
        {
            elements *= (ulong)ne;
            if (elements > long.MaxValue)
            {
                throw r.Error($"tensor '{name}' shape [{string.Join(", ", shape)}] has more than 2^63 elements");
            }
        }

        return (long)elements;
    }

    private static void CheckTensorPlacement(GgufByteReader r, List<GgufTensorInfo> tensors, long dataOffset, uint alignment)
    {
        foreach (var t in tensors)
        {
            if (t.Offset % alignment != 0)
            {
                throw r.Error($"tensor '{t.Name}' offset {t.Offset} is not aligned to {alignment}");
            }

            var start = (UInt128)dataOffset + t.Offset;
            var end = start + (ulong)t.ByteSize;
            if (end > (ulong)r.Length)
            {
                throw r.Error($"tensor '{t.Name}' data [{start}, {end}) lies beyond the end of the file (size {r.Length})", r.Length);
            }
        }
    }
}
