using System.Globalization;

namespace EdgeRouter.Prompts.Jinja;

/// <summary>
/// A value in the interpreter: undefined, none, bool, int, float, string, list, dict or callable. Our own model,
/// not object, so that every operation is a closed switch the AOT compiler sees through.
/// </summary>
public abstract class JinjaValue
{
    public abstract string TypeName { get; }

    /// <summary>Python truthiness.</summary>
    public virtual bool IsTruthy => true;

    /// <summary>Python str(): what {{ value }} prints.</summary>
    public abstract string AsString();

    public static JinjaValue Undefined => JinjaUndefined.Instance;

    public static JinjaValue None => JinjaNone.Instance;

    public static JinjaValue From(bool value) => value ? JinjaBool.True : JinjaBool.False;

    public static JinjaValue From(long value) => new JinjaInt(value);

    public static JinjaValue From(double value) => new JinjaFloat(value);

    public static JinjaValue From(string? value) => value is null ? JinjaNone.Instance : new JinjaString(value);

    public override string ToString() => AsString();
}

public sealed class JinjaUndefined : JinjaValue
{
    public static JinjaUndefined Instance { get; } = new();

    private JinjaUndefined()
    {
    }

    public override string TypeName => "undefined";
    public override bool IsTruthy => false;
    public override string AsString() => "";
}

public sealed class JinjaNone : JinjaValue
{
    public static JinjaNone Instance { get; } = new();

    private JinjaNone()
    {
    }

    public override string TypeName => "none";
    public override bool IsTruthy => false;
    public override string AsString() => "None";
}

public sealed class JinjaBool : JinjaValue
{
    public static JinjaBool True { get; } = new(true);
    public static JinjaBool False { get; } = new(false);

    private JinjaBool(bool value) => Value = value;

    public bool Value { get; }
    public override string TypeName => "bool";
    public override bool IsTruthy => Value;
    public override string AsString() => Value ? "True" : "False";
}

public sealed class JinjaInt(long value) : JinjaValue
{
    public long Value { get; } = value;
    public override string TypeName => "int";
    public override bool IsTruthy => Value != 0;
    public override string AsString() => Value.ToString(CultureInfo.InvariantCulture);
}

public sealed class JinjaFloat(double value) : JinjaValue
{
    public double Value { get; } = value;
    public override string TypeName => "float";
    public override bool IsTruthy => Value != 0;
    public override string AsString() => PythonText.Float(Value);
}

public sealed class JinjaString(string value) : JinjaValue
{
    public static JinjaString Empty { get; } = new("");

    public string Value { get; } = value;
    public override string TypeName => "string";
    public override bool IsTruthy => Value.Length > 0;
    public override string AsString() => Value;
}
