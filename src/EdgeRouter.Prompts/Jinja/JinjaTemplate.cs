namespace EdgeRouter.Prompts.Jinja;

/// <summary>
/// A parsed template; parse once per model, render per request. Rendering is thread-safe: every render gets its
/// own interpreter and budget.
/// </summary>
/// <example><code>
/// var template = JinjaTemplate.Parse("{% for m in messages %}{{ m.role }}{% endfor %}");
/// var text = template.Render(new Dictionary&lt;string, JinjaValue&gt; { ["messages"] = list });
/// </code></example>
public sealed class JinjaTemplate
{
    private readonly IReadOnlyList<Node> _body;

    private JinjaTemplate(string source, IReadOnlyList<Node> body)
    {
        Source = source;
        _body = body;
    }

    public string Source { get; }

    /// <summary>Parses <paramref name="source"/>; throws <see cref="JinjaSyntaxException"/> when it does not parse.</summary>
    public static JinjaTemplate Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new JinjaTemplate(source, Parser.Parse(source));
    }

    /// <summary>True when the template reads the variable <paramref name="name"/> anywhere (e.g. "tools").</summary>
    public bool References(string name) => TemplateScan.References(_body, name);

    /// <summary>
    /// Renders with <paramref name="variables"/>; throws only <see cref="JinjaException"/> subtypes, whatever the
    /// template does.
    /// </summary>
    public string Render(IReadOnlyDictionary<string, JinjaValue> variables, RenderBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var interpreter = new Interpreter(budget ?? RenderBudget.Default);
        var globals = new Scope(null);
        Builtins.AddTo(globals, interpreter);
        foreach (var (name, value) in variables)
        {
            globals.Set(name, value);
        }

        try
        {
            return interpreter.Render(_body, globals);
        }
        catch (JinjaException)
        {
            throw;
        }
        catch (OverflowException e)
        {
            throw new JinjaRuntimeException("integer overflow", e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or InvalidCastException or FormatException
                                      or IndexOutOfRangeException or NullReferenceException or KeyNotFoundException)
        {
            // A bug of ours or an unforeseen value shape: it fails this render, never the server.
            throw new JinjaRuntimeException(e.Message, e);
        }
    }
}
