namespace EdgeRouter.Edge.Memory;

/// <summary>Thrown instead of loading a model that <see cref="MemoryGuard"/> found too large; the message is the guard's.</summary>
public sealed class ModelTooLargeException : Exception
{
    public ModelTooLargeException(MemoryCheck check)
        : base((check ?? throw new ArgumentNullException(nameof(check))).Message) => Check = check;

    public MemoryCheck Check { get; }
}
