namespace EdgeRouter.Prompts.Jinja;

/// <summary>
/// Base of every failure a template can cause. Callers catch this one type: a hostile or broken template fails
/// its own render and nothing else.
/// </summary>
public abstract class JinjaException : Exception
{
    protected JinjaException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>The template text does not parse, or uses a statement this interpreter does not run.</summary>
public sealed class JinjaSyntaxException(string message, int line)
    : JinjaException($"template syntax error at line {line}: {message}")
{
    public int Line { get; } = line;
}

/// <summary>A type error, an unknown filter, a call of a non-callable and the like while rendering.</summary>
public sealed class JinjaRuntimeException(string message, Exception? inner = null)
    : JinjaException("template error: " + message, inner);

/// <summary>The render ran past its <see cref="RenderBudget"/> (steps, output size, depth or collection size).</summary>
public sealed class JinjaBudgetExceededException(string limit)
    : JinjaException($"template exceeded its render budget: {limit}")
{
    public string Limit { get; } = limit;
}

/// <summary>The template itself called raise_exception (chat templates do this to refuse a conversation shape).</summary>
public sealed class JinjaRaisedException(string templateMessage)
    : JinjaException("template raised: " + templateMessage)
{
    public string TemplateMessage { get; } = templateMessage;
}
