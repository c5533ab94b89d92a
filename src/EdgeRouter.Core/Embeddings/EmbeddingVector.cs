namespace EdgeRouter.Core.Embeddings;

public static class EmbeddingVector
{
    /// <summary>Unit length (L2), as OpenAI and Ollama return them, so a dot product is the cosine similarity.</summary>
    public static float[] Normalize(ReadOnlySpan<float> vector)
    {
        var sum = 0.0;
        foreach (var v in vector)
        {
            sum += (double)v * v;
        }

        var scale = sum > 0 ? 1.0 / Math.Sqrt(sum) : 0.0;
        var result = new float[vector.Length];
        for (var i = 0; i < vector.Length; i++)
        {
            result[i] = (float)(vector[i] * scale);
        }

        return result;
    }
}
