namespace EdgeRouter.Gguf;

/// <summary>Weight encodings the model generator can write. Norm weights and biases are always F32.</summary>
public enum GgufTensorType
{
    F32,
    F16,
    Q8_0,
}
