namespace EdgeRouter.Prompts.Jinja;

/// <summary>
/// Variables of one frame. A for loop and a macro call open a frame, an if does not: that is why templates carry
/// state out of loops with namespace().
/// </summary>
internal sealed class Scope(Scope? parent)
{
    private readonly Dictionary<string, JinjaValue> _variables = new(StringComparer.Ordinal);

    public Scope? Parent { get; } = parent;

    public JinjaValue Lookup(string name)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._variables.TryGetValue(name, out var value))
            {
                return value;
            }
        }

        return JinjaValue.Undefined;
    }

    public void Set(string name, JinjaValue value) => _variables[name] = value;
}
