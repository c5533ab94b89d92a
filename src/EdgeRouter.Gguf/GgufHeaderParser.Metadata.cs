namespace EdgeRouter.Gguf;

internal static partial class GgufHeaderParser
{
    private static Dictionary<string, GgufValue> ReadMetadata(GgufByteReader r, long count, GgufReadOptions options)
    {
        var metadata = new Dictionary<string, GgufValue>(StringComparer.Ordinal);
        for (long i = 0; i < count; i++)
        {
            var at = r.Position;
            var key = r.ReadString(options.MaxKeyBytes, $"metadata key {i}");
            if (key.Length == 0)
            {
                throw r.Error($"metadata key {i} at byte {at} is empty", at);
            }

            if (metadata.ContainsKey(key))
            {
                throw r.Error($"duplicate metadata key '{key}' at byte {at}", at);
            }

            var typeAt = r.Position;
            var type = r.ReadU32($"the type of key '{key}'");
            metadata.Add(key, ReadValue(r, (GgufValueType)type, key, typeAt, options));
        }

        return metadata;
    }

    private static GgufValue ReadValue(GgufByteReader r, GgufValueType type, string key, long typeAt, GgufReadOptions options)
    {
        var what = $"the value of '{key}'";
        return type switch
        {
            GgufValueType.UInt8 => GgufValue.UInt8(r.ReadU8(what)),
            GgufValueType.Int8 => GgufValue.Int8((sbyte)r.ReadU8(what)),
            GgufValueType.UInt16 => GgufValue.UInt16(r.ReadU16(what)),
            GgufValueType.Int16 => GgufValue.Int16((short)r.ReadU16(what)),
            GgufValueType.UInt32 => GgufValue.UInt32(r.ReadU32(what)),
            GgufValueType.Int32 => GgufValue.Int32((int)r.ReadU32(what)),
            GgufValueType.Float32 => GgufValue.Float32(r.ReadF32(what)),
            GgufValueType.Bool => GgufValue.Bool(r.ReadU8(what) != 0),
            GgufValueType.String => GgufValue.String(r.ReadString(options.MaxStringBytes, what)),
            GgufValueType.UInt64 => GgufValue.UInt64(r.ReadU64(what)),
            GgufValueType.Int64 => GgufValue.Int64(r.ReadI64(what)),
            GgufValueType.Float64 => GgufValue.Float64(r.ReadF64(what)),
            GgufValueType.Array => GgufValue.Array(ReadArray(r, key, 1, options)),
            _ => throw UnknownType(r, type, key, typeAt),
        };
    }

    private static GgufArray ReadArray(GgufByteReader r, string key, int depth, GgufReadOptions options)
    {
        if (depth > options.MaxArrayDepth)
        {
            throw r.Error($"arrays in '{key}' are nested more than {options.MaxArrayDepth} deep");
        }

        var typeAt = r.Position;
        var elementType = (GgufValueType)r.ReadU32($"the element type of array '{key}'");
        var elementSize = elementType switch
        {
            GgufValueType.String => 8,
            GgufValueType.Array => 12,
            _ => GgufValue.FixedSize(elementType),
        };
        if (elementSize == 0)
        {
            throw UnknownType(r, elementType, key, typeAt);
        }

        var countAt = r.Position;
        var count = r.ReadU64($"the length of array '{key}'");
        if (count > (ulong)GgufConstants.MaxArrayElements)
        {
            throw r.Error($"array length {count} for '{key}' at byte {countAt} is absurd (limit {GgufConstants.MaxArrayElements})", countAt);
        }

        if (count > (ulong)(r.Remaining / elementSize))
        {
            throw r.Error(
                $"array length {count} for '{key}' at byte {countAt} exceeds the file: {GgufValue.TypeName(elementType)} elements take at least {elementSize} bytes each and {r.Remaining} bytes remain",
                countAt);
        }

        var n = (long)count;
        if (n > options.ArrayItemLimit)
        {
            SkipItems(r, elementType, n, key, depth, options);
            return new GgufArray(elementType, n);
        }

        return new GgufArray(elementType, n, ReadItems(r, elementType, (int)n, key, depth, options));
    }

    private static void SkipItems(GgufByteReader r, GgufValueType type, long n, string key, int depth, GgufReadOptions options)
    {
        var what = $"the items of array '{key}'";
        switch (type)
        {
            case GgufValueType.String:
                for (long i = 0; i < n; i++)
                {
                    r.SkipString(what);
                }

                break;
            case GgufValueType.Array:
                var skipAll = options with { ArrayItemLimit = -1 };
                for (long i = 0; i < n; i++)
                {
                    ReadArray(r, key, depth + 1, skipAll);
                }

                break;
            default:
                r.Skip(n * GgufValue.FixedSize(type), what);
                break;
        }
    }

    private static Array ReadItems(GgufByteReader r, GgufValueType type, int n, string key, int depth, GgufReadOptions options)
    {
        var what = $"the items of array '{key}'";
        switch (type)
        {
            case GgufValueType.UInt8: return Fill(new byte[n], _ => r.ReadU8(what));
            case GgufValueType.Int8: return Fill(new sbyte[n], _ => (sbyte)r.ReadU8(what));
            case GgufValueType.UInt16: return Fill(new ushort[n], _ => r.ReadU16(what));
            case GgufValueType.Int16: return Fill(new short[n], _ => (short)r.ReadU16(what));
            case GgufValueType.UInt32: return Fill(new uint[n], _ => r.ReadU32(what));
            case GgufValueType.Int32: return Fill(new int[n], _ => (int)r.ReadU32(what));
            case GgufValueType.Float32: return Fill(new float[n], _ => r.ReadF32(what));
            case GgufValueType.Bool: return Fill(new bool[n], _ => r.ReadU8(what) != 0);
            case GgufValueType.String: return Fill(new string[n], _ => r.ReadString(options.MaxStringBytes, what));
            case GgufValueType.UInt64: return Fill(new ulong[n], _ => r.ReadU64(what));
            case GgufValueType.Int64: return Fill(new long[n], _ => r.ReadI64(what));
            case GgufValueType.Float64: return Fill(new double[n], _ => r.ReadF64(what));
            default: return Fill(new GgufArray[n], _ => ReadArray(r, key, depth + 1, options));
        }
    }

    private static T[] Fill<T>(T[] items, Func<int, T> read)
    {
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = read(i);
        }

        return items;
    }

    private static GgufFormatException UnknownType(GgufByteReader r, GgufValueType type, string key, long at) =>
        r.Error($"key '{key}' at byte {at} has unknown value type {(uint)type} (valid types are 0..12)", at);
}
