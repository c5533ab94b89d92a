using System.Globalization;

namespace EdgeRouter.Gguf;

/// <summary>One typed metadata value: a boxed scalar, a string, or a <see cref="GgufArray"/>.</summary>
public sealed class GgufValue
{
    private GgufValue(GgufValueType type, object value)
    {
        Type = type;
        Value = value;
    }

    public GgufValueType Type { get; }

    /// <summary>byte, sbyte, ushort, short, uint, int, float, bool, string, ulong, long, double or <see cref="GgufArray"/>.</summary>
    public object Value { get; }

    public static GgufValue UInt8(byte v) => new(GgufValueType.UInt8, v);
    public static GgufValue Int8(sbyte v) => new(GgufValueType.Int8, v);
    public static GgufValue UInt16(ushort v) => new(GgufValueType.UInt16, v);
    public static GgufValue Int16(short v) => new(GgufValueType.Int16, v);
    public static GgufValue UInt32(uint v) => new(GgufValueType.UInt32, v);
    public static GgufValue Int32(int v) => new(GgufValueType.Int32, v);
    public static GgufValue Float32(float v) => new(GgufValueType.Float32, v);
    public static GgufValue Bool(bool v) => new(GgufValueType.Bool, v);
    public static GgufValue String(string v) => new(GgufValueType.String, v ?? throw new ArgumentNullException(nameof(v)));
    public static GgufValue UInt64(ulong v) => new(GgufValueType.UInt64, v);
    public static GgufValue Int64(long v) => new(GgufValueType.Int64, v);
    public static GgufValue Float64(double v) => new(GgufValueType.Float64, v);
    public static GgufValue Array(GgufArray v) => new(GgufValueType.Array, v ?? throw new ArgumentNullException(nameof(v)));

    public static GgufValue StringArray(string[] items) => Array(new GgufArray(GgufValueType.String, items.LongLength, items));
    public static GgufValue Float32Array(float[] items) => Array(new GgufArray(GgufValueType.Float32, items.LongLength, items));
    public static GgufValue Int32Array(int[] items) => Array(new GgufArray(GgufValueType.Int32, items.LongLength, items));
    public static GgufValue UInt32Array(uint[] items) => Array(new GgufArray(GgufValueType.UInt32, items.LongLength, items));

    public GgufArray? AsArray => Value as GgufArray;

    public string? AsString => Value as string;

    /// <summary>The value as an unsigned integer, for any integer type holding a non-negative number.</summary>
    public bool TryGetUInt64(out ulong result)
    {
        switch (Value)
        {
            case byte v: result = v; return true;
            case ushort v: result = v; return true;
            case uint v: result = v; return true;
            case ulong v: result = v; return true;
            case sbyte v when v >= 0: result = (ulong)v; return true;
            case short v when v >= 0: result = (ulong)v; return true;
            case int v when v >= 0: result = (ulong)v; return true;
            case long v when v >= 0: result = (ulong)v; return true;
            default: result = 0; return false;
        }
    }

    public bool TryGetDouble(out double result)
    {
        switch (Value)
        {
            case float v: result = v; return true;
            case double v: result = v; return true;
            default:
                var ok = TryGetUInt64(out var u);
                result = u;
                return ok;
        }
    }

    public override string ToString() => Value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Value.ToString() ?? "",
    };

    /// <summary>The lower-case type name gguf tools print ("u32", "f32", "str", "arr").</summary>
    public static string TypeName(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 => "u8",
        GgufValueType.Int8 => "i8",
        GgufValueType.UInt16 => "u16",
        GgufValueType.Int16 => "i16",
        GgufValueType.UInt32 => "u32",
        GgufValueType.Int32 => "i32",
        GgufValueType.Float32 => "f32",
        GgufValueType.Bool => "bool",
        GgufValueType.String => "str",
        GgufValueType.Array => "arr",
        GgufValueType.UInt64 => "u64",
        GgufValueType.Int64 => "i64",
        GgufValueType.Float64 => "f64",
        _ => $"type {(uint)type}",
    };

    /// <summary>On-disk size of one scalar of <paramref name="type"/>; 0 for strings and arrays, which vary.</summary>
    internal static int FixedSize(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.UInt16 or GgufValueType.Int16 => 2,
        GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        GgufValueType.UInt64 or GgufValueType.Int64 or GgufValueType.Float64 => 8,
        _ => 0,
    };
}
