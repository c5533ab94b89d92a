namespace EdgeRouter.Cloud.Config;

/// <summary>Defaults and accepted ranges, in one place for the records, the reader and validation.</summary>
public static class CloudDefaults
{
    public const string CredentialNone = "none";

    public const int ContextWindow = 8192;
    public const int MaxConcurrency = 4;
    public const int MinContextWindow = 64;
    public const int MaxContextWindow = 1 << 24;
    public const int MaxNameLength = 64;
    public const int MaxSuccessesToRecover = 100;
    public const int MaxProbeTokens = 4096;
    public const int MaxSlowStartInFlight = 64;
}
