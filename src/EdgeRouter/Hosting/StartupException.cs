namespace EdgeRouter.Host.Hosting;

/// <summary>
/// The router could not start for an operational reason (port taken, no permission to bind). The message is one
/// line meant for the operator; the process exits with code 1 and no stack trace.
/// </summary>
public sealed class StartupException(string message, Exception? innerException = null) : Exception(message, innerException);
