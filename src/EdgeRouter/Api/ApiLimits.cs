namespace EdgeRouter.Host.Api;

/// <summary>Request limits shared by Kestrel's configuration and the body reader.</summary>
public static class ApiLimits
{
    /// <summary>
    /// 4 MiB: a long chat history is a few hundred KiB; anything bigger would not fit a small model's context anyway.
    /// </summary>
    public const long MaxRequestBodyBytes = 4 * 1024 * 1024;

    /// <summary>
    /// How much of an oversized body is read and discarded before answering 413, so a client that does not wait for
    /// "100 Continue" finishes sending and then reads the 413 (instead of a connection reset). Beyond this, the
    /// connection is closed.
    /// </summary>
    public const long MaxDrainBytes = 4 * MaxRequestBodyBytes;
}
