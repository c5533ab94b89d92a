namespace EdgeRouter.Cloud.Credentials;

/// <summary>
/// An API key in memory. It never shows up in ToString, string interpolation, logs or debugger displays; the only
/// way out is <see cref="Reveal"/>, called where the Authorization header is built.
/// </summary>
[System.Diagnostics.DebuggerDisplay("[secret]")]
public sealed class Secret
{
    private readonly string _value;

    public Secret(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        _value = value;
    }

    public string Reveal() => _value;

    public override string ToString() => "[secret]";
}
