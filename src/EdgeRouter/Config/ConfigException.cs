namespace EdgeRouter.Host.Config;

/// <summary>
/// The configuration is wrong: an unknown key, a wrong type, a value out of range, a missing file. The message is
/// shown to the operator as is (exit code 2), so it names the source and the key.
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string message) : base(message) { }

    public ConfigException(string message, Exception innerException) : base(message, innerException) { }
}
