namespace EdgeRouter.Gguf;

/// <summary>Format limits. The caps mirror ggml's gguf.cpp so this reader rejects what llama.cpp would reject.</summary>
public static class GgufConstants
{
    /// <summary>"GGUF" read as a little-endian uint32.</summary>
    public const uint Magic = 0x46554747;

    public const uint Version = 3;

    public const uint DefaultAlignment = 32;

    /// <summary>ggml tensors have at most four dimensions.</summary>
    public const int MaxDimensions = 4;

    /// <summary>GGML_MAX_NAME is 64 including the terminating NUL.</summary>
    public const int MaxTensorNameBytes = 63;

    /// <summary>gguf.cpp refuses longer strings and arrays.</summary>
    public const long MaxStringBytes = 1L << 30;

    public const long MaxArrayElements = 1L << 30;

    /// <summary>llama.cpp's LLAMA_MAX_LAYERS.</summary>
    public const int MaxBlockCount = 512;
}
