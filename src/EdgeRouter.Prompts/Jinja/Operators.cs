namespace EdgeRouter.Prompts.Jinja;

/// <summary>Binary operators with Python semantics (int stays int, / is true division, + joins strings and lists).</summary>
internal static class Operators
{
    public static JinjaValue Binary(Interpreter interpreter, string op, JinjaValue left, JinjaValue right, int line)
    {
        switch (op)
        {
            case "==":
                return JinjaValue.From(Values.AreEqual(left, right, interpreter.Budget.MaxNesting));
            case "!=":
                return JinjaValue.From(!Values.AreEqual(left, right, interpreter.Budget.MaxNesting));
            case "<" or "<=" or ">" or ">=":
                var order = Values.Compare(left, right, line);
                return JinjaValue.From(op switch { "<" => order < 0, "<=" => order <= 0, ">" => order > 0, _ => order >= 0 });
            case "in":
                return JinjaValue.From(Values.Contains(right, left, interpreter.Budget.MaxNesting, line));
            case "not in":
                return JinjaValue.From(!Values.Contains(right, left, interpreter.Budget.MaxNesting, line));
            case "~":
                var joined = left.AsString() + right.AsString();
                interpreter.Charge(joined.Length);
                return new JinjaString(joined);
        }

        return (op, left, right) switch
        {
            ("+", JinjaString a, JinjaString b) => Concat(interpreter, a.Value, b.Value),
            ("+", JinjaList a, JinjaList b) => ConcatLists(interpreter, a, b),
            ("*", JinjaString s, JinjaInt n) => Repeat(interpreter, s.Value, n.Value),
            ("*", JinjaInt n, JinjaString s) => Repeat(interpreter, s.Value, n.Value),
            (_, JinjaInt or JinjaFloat or JinjaBool, JinjaInt or JinjaFloat or JinjaBool) => Arithmetic(op, left, right, line),
            _ => throw new JinjaRuntimeException($"line {line}: unsupported operand types for {op}: {left.TypeName} and {right.TypeName}"),
        };
    }

    private static JinjaString Concat(Interpreter interpreter, string a, string b)
    {
        interpreter.Charge((long)a.Length + b.Length);
        return new JinjaString(a + b);
    }

    private static JinjaList ConcatLists(Interpreter interpreter, JinjaList a, JinjaList b)
    {
        interpreter.Charge((long)a.Items.Count + b.Items.Count);
        return new JinjaList([.. a.Items, .. b.Items]);
    }

    private static JinjaString Repeat(Interpreter interpreter, string text, long count)
    {
        var length = Math.Max(0, count) * (long)text.Length;
        interpreter.Charge(length);
        return new JinjaString(count <= 0 ? "" : string.Concat(Enumerable.Repeat(text, (int)count)));
    }

    private static JinjaValue Arithmetic(string op, JinjaValue left, JinjaValue right, int line)
    {
        if (left is not JinjaFloat && right is not JinjaFloat && op != "/")
        {
            long a = Values.ToLong(left), b = Values.ToLong(right);
            return op switch
            {
                "+" => new JinjaInt(checked(a + b)),
                "-" => new JinjaInt(checked(a - b)),
                "*" => new JinjaInt(checked(a * b)),
                "//" => b == 0 ? throw DivideByZero(line) : new JinjaInt((long)Math.Floor((double)a / b)),
                "%" => b == 0 ? throw DivideByZero(line) : new JinjaInt(((a % b) + b) % b),
                "**" => b >= 0 ? new JinjaInt(checked((long)Math.Pow(a, b))) : new JinjaFloat(Math.Pow(a, b)),
                _ => throw new JinjaRuntimeException($"line {line}: unknown operator {op}"),
            };
        }

        double x = Values.ToDouble(left), y = Values.ToDouble(right);
        return op switch
        {
            "+" => new JinjaFloat(x + y),
            "-" => new JinjaFloat(x - y),
            "*" => new JinjaFloat(x * y),
            "/" => y == 0 ? throw DivideByZero(line) : new JinjaFloat(x / y),
            "//" => y == 0 ? throw DivideByZero(line) : new JinjaFloat(Math.Floor(x / y)),
            "%" => y == 0 ? throw DivideByZero(line) : new JinjaFloat(x - (y * Math.Floor(x / y))),
            "**" => new JinjaFloat(Math.Pow(x, y)),
            _ => throw new JinjaRuntimeException($"line {line}: unknown operator {op}"),
        };
    }

    private static JinjaRuntimeException DivideByZero(int line) => new($"line {line}: division by zero");
}
