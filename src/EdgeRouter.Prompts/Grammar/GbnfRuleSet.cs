using System.Globalization;
using System.Text;

namespace EdgeRouter.Prompts.Grammar;

/// <summary>
/// The rules of one GBNF grammar under construction. Identical bodies share one rule, so a schema that repeats a
/// shape (every item of twenty arrays is a "string") does not grow the grammar llama.cpp has to walk.
/// </summary>
internal sealed class GbnfRuleSet
{
    /// <summary>A hostile schema must not build a grammar that takes seconds to parse or walk.</summary>
    public const int MaxRules = 4000;

    private readonly Dictionary<string, string> _bodies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _nameByBody = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public bool Contains(string name) => _bodies.ContainsKey(name);

    /// <summary>Adds <paramref name="body"/> under a name derived from <paramref name="hint"/>, or returns the existing rule with that body.</summary>
    public string Add(string hint, string body)
    {
        if (_nameByBody.TryGetValue(body, out var existing))
        {
            return existing;
        }
        var name = Reserve(hint);
        Set(name, body);
        return name;
    }

    /// <summary>A fresh, unused rule name (for rules defined later, e.g. a recursive $ref).</summary>
    public string Reserve(string hint)
    {
        var baseName = Sanitize(hint);
        var name = baseName;
        for (var i = 1; _bodies.ContainsKey(name) || _reserved.Contains(name); i++)
        {
            name = baseName + "-" + i.ToString(CultureInfo.InvariantCulture);
        }
        _reserved.Add(name);
        return name;
    }

    private readonly HashSet<string> _reserved = new(StringComparer.Ordinal);

    public void Set(string name, string body)
    {
        if (_order.Count >= MaxRules)
        {
            throw new SchemaNotSupportedException("$defs", "#", $"the schema needs more than {MaxRules} grammar rules.");
        }
        _reserved.Add(name);
        if (_bodies.TryAdd(name, body))
        {
            _order.Add(name);
            _nameByBody.TryAdd(body, name);
        }
        else
        {
            _bodies[name] = body;
        }
    }

    public string Render()
    {
        var text = new StringBuilder();
        foreach (var name in _order)
        {
            text.Append(name).Append(" ::= ").Append(_bodies[name]).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>GBNF names are [a-zA-Z0-9-]+; anything else in a property or $defs name becomes '-'.</summary>
    private static string Sanitize(string hint)
    {
        var text = new StringBuilder(hint.Length);
        foreach (var c in hint)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }
        if (text.Length == 0)
        {
            text.Append('r');
        }
        if (text.Length > 48)
        {
            text.Length = 48;
        }
        return text.ToString();
    }
}
