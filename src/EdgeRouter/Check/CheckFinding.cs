namespace EdgeRouter.Host.Check;

/// <summary>How much a finding matters: errors stop the server, warnings are logged at start, info is for the operator.</summary>
public enum CheckSeverity
{
    Error,
    Warning,
    Info,
}

/// <summary>
/// One result of a pre-flight check. <see cref="Subject"/> says what it is about (a JSON path, a file,
/// "route 'chat' → upstream 'openai'"); <see cref="Text"/> is the exact line both `edgerouter check` and a refused
/// server start print, so an operator can grep one for the other.
/// </summary>
public sealed record CheckFinding(CheckSeverity Severity, string Subject, string Message)
{
    public string Text => $"{Subject}: {Message}";

    public static CheckFinding Error(string subject, string message) => new(CheckSeverity.Error, subject, message);

    public static CheckFinding Warning(string subject, string message) => new(CheckSeverity.Warning, subject, message);

    public static CheckFinding Info(string subject, string message) => new(CheckSeverity.Info, subject, message);
}
