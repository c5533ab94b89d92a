namespace EdgeRouter.Host.Cli;

/// <summary>
/// Walks the arguments: "--flag value", "--flag=value", bare words. Hand-written because the reflection-based parsers
/// are not Native-AOT friendly, and the grammar is tiny.
/// </summary>
internal sealed class ArgReader(IReadOnlyList<string> args)
{
    private int _index;
    private string? _inlineValue;

    public bool HasMore => _index < args.Count;

    /// <summary>The next argument; for "--flag=value" only "--flag", the value is then returned by <see cref="Value"/>.</summary>
    public string Next()
    {
        var arg = args[_index++];
        _inlineValue = null;
        if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is var eq and > 2)
        {
            _inlineValue = arg[(eq + 1)..];
            return arg[..eq];
        }
        return arg;
    }

    public string Peek() => args[_index];

    /// <summary>The value of the flag just read.</summary>
    public string Value(string flag)
    {
        if (_inlineValue is { } inline)
        {
            _inlineValue = null;
            return inline;
        }
        if (_index >= args.Count || (args[_index].StartsWith("--", StringComparison.Ordinal) && args[_index].Length > 2))
        {
            throw new UsageException($"{flag} needs a value");
        }
        return args[_index++];
    }

    /// <summary>Fails if a flag that takes no value was written as "--flag=value".</summary>
    public void NoValue(string flag)
    {
        if (_inlineValue is not null)
        {
            throw new UsageException($"{flag} takes no value");
        }
    }
}
