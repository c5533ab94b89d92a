using System.Globalization;

namespace EdgeRouter.Prompts.Jinja;

/// <summary>The filters chat templates use (value | name(args)).</summary>
internal static partial class Filters
{
    public static JinjaValue Apply(Interpreter interpreter, string name, JinjaValue value, CallArguments args, int line)
    {
        switch (name)
        {
            case "tojson":
                var indent = args.Get(0, "indent") is JinjaInt i ? (int?)Math.Clamp(i.Value, 0, 16) : null;
                var json = JsonText.Serialize(value, indent, args.Get(1, "sort_keys").IsTruthy, interpreter.Budget.MaxNesting);
                interpreter.Charge(json.Length);
                return new JinjaString(json);
            case "trim":
                var chars = args.Get(0, "chars");
                return new JinjaString(chars is JinjaString c ? value.AsString().Trim(c.Value.ToCharArray()) : value.AsString().Trim());
            case "length" or "count":
                return new JinjaInt(Length(value, line));
            case "upper":
                return new JinjaString(value.AsString().ToUpperInvariant());
            case "lower":
                return new JinjaString(value.AsString().ToLowerInvariant());
            case "title":
                return Title(value.AsString());
            case "capitalize":
                return Capitalize(value.AsString());
            case "string":
                return value is JinjaString ? value : new JinjaString(value.AsString());
            case "safe":
                return value;
            case "escape" or "e":
                return new JinjaString(System.Net.WebUtility.HtmlEncode(value.AsString()));
            case "default" or "d":
                var useOnFalsy = args.Get(1, "boolean").IsTruthy;
                return value is JinjaUndefined || (useOnFalsy && !value.IsTruthy) ? args.Get(0, "default_value") is JinjaUndefined ? JinjaString.Empty : args.Get(0, "default_value") : value;
            case "int":
                return ToInt(value, args.Get(0, "default"));
            case "float":
                return value switch
                {
                    JinjaFloat => value,
                    JinjaInt or JinjaBool => new JinjaFloat(Values.ToDouble(value)),
                    _ => double.TryParse(value.AsString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? new JinjaFloat(d) : new JinjaFloat(0),
                };
            case "abs":
                return value is JinjaFloat f ? new JinjaFloat(Math.Abs(f.Value)) : new JinjaInt(Math.Abs(Values.ToLong(value)));
            case "round":
                var digits = (int)Math.Clamp(Values.ToLong(args.Get(0, "precision")), 0, 15);
                return new JinjaFloat(Math.Round(Values.ToDouble(value), digits, MidpointRounding.ToEven));
            case "replace":
                return StringMethods.Call(interpreter, value.AsString(), "replace", args)!;
            case "indent":
                return Indent(value.AsString(), args);
            case "wordcount":
                return new JinjaInt(value.AsString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length);
            case "items":
                return value is JinjaDict dict ? Items(dict) : value is JinjaUndefined ? new JinjaList() : throw Wrong(name, value, line);
            case "format":
                return PercentFormat(value.AsString(), args);
            default:
                return ApplyCollectionFilter(interpreter, name, value, args, line);
        }
    }

    private static int Length(JinjaValue value, int line) => value switch
    {
        JinjaString s => s.Value.Length,
        JinjaList l => l.Items.Count,
        JinjaDict d => d.Items.Count,
        JinjaUndefined => 0,
        _ => throw Wrong("length", value, line),
    };

    private static JinjaValue ToInt(JinjaValue value, JinjaValue fallback) => value switch
    {
        JinjaInt => value,
        JinjaFloat f => new JinjaInt((long)f.Value),
        JinjaBool b => new JinjaInt(b.Value ? 1 : 0),
        _ when long.TryParse(value.AsString().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => new JinjaInt(n),
        _ => fallback is JinjaUndefined ? new JinjaInt(0) : fallback,
    };

    public static JinjaList Items(JinjaDict dict) =>
        new(dict.Items.Select(kv => (JinjaValue)new JinjaList([new JinjaString(kv.Key), kv.Value])).ToList());

    public static JinjaString Title(string s) =>
        new(string.Join(' ', s.Split(' ').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant())));

    public static JinjaString Capitalize(string s) =>
        new(s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant());

    private static JinjaString Indent(string s, CallArguments args)
    {
        var width = args.Get(0, "width") is JinjaInt w ? new string(' ', (int)Math.Clamp(w.Value, 0, 64)) : args.Get(0, "width") is JinjaString t ? t.Value : "    ";
        var indentFirst = args.Get(1, "first").IsTruthy;
        var lines = s.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if ((i > 0 || indentFirst) && lines[i].Length > 0)
            {
                lines[i] = width + lines[i];
            }
        }

        return new JinjaString(string.Join('\n', lines));
    }

    // "%s, %d" | format(a, b): the printf-style subset templates use.
    private static JinjaString PercentFormat(string s, CallArguments args)
    {
        var sb = new System.Text.StringBuilder();
        var next = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%' && i + 1 < s.Length)
            {
                var spec = s[++i];
                sb.Append(spec == '%' ? "%" : next < args.Positional.Count ? args.Positional[next++].AsString() : "");
            }
            else
            {
                sb.Append(s[i]);
            }
        }

        return new JinjaString(sb.ToString());
    }

    public static JinjaRuntimeException Wrong(string filter, JinjaValue value, int line) =>
        new($"line {line}: filter '{filter}' cannot take a {value.TypeName}");
}
