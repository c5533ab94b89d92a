namespace EdgeRouter.Gguf;

/// <summary>
/// The tensors of a llama-style decoder, named and shaped as llama.cpp's llama and qwen2 loaders expect (an encoder
/// shape goes to <see cref="EncoderLayout"/>).
/// </summary>
internal static class ModelLayout
{
    public enum Fill
    {
        Random,
        Ones,
    }

    public sealed record Tensor(string Name, GgmlType Type, long[] Shape, Fill Fill);

    public static List<Tensor> Build(ModelShape shape, GgufTensorType weights, int vocabSize)
    {
        Validate(shape, weights);
        if (shape.IsEncoder)
        {
            return EncoderLayout.Build(shape, weights, vocabSize);
        }

        var w = weights.ToGgmlType();
        long embd = shape.EmbeddingLength;
        long qDim = (long)shape.HeadCount * shape.HeadDimension;
        long kvDim = (long)shape.HeadCountKv * shape.HeadDimension;
        long ff = shape.FeedForwardLength;

        var list = new List<Tensor>
        {
            new("token_embd.weight", w, [embd, vocabSize], Fill.Random),
            new("output_norm.weight", GgmlType.F32, [embd], Fill.Ones),
        };
        if (!shape.TiedEmbeddings)
        {
            list.Add(new("output.weight", w, [embd, vocabSize], Fill.Random));
        }

        for (var i = 0; i < shape.BlockCount; i++)
        {
            var p = $"blk.{i}.";
            list.Add(new(p + "attn_norm.weight", GgmlType.F32, [embd], Fill.Ones));
            list.Add(new(p + "attn_q.weight", w, [embd, qDim], Fill.Random));
            list.Add(new(p + "attn_k.weight", w, [embd, kvDim], Fill.Random));
            list.Add(new(p + "attn_v.weight", w, [embd, kvDim], Fill.Random));
            if (shape.AttentionBias)
            {
                list.Add(new(p + "attn_q.bias", GgmlType.F32, [qDim], Fill.Random));
                list.Add(new(p + "attn_k.bias", GgmlType.F32, [kvDim], Fill.Random));
                list.Add(new(p + "attn_v.bias", GgmlType.F32, [kvDim], Fill.Random));
            }

            list.Add(new(p + "attn_output.weight", w, [qDim, embd], Fill.Random));
            list.Add(new(p + "ffn_norm.weight", GgmlType.F32, [embd], Fill.Ones));
            list.Add(new(p + "ffn_gate.weight", w, [embd, ff], Fill.Random));
            list.Add(new(p + "ffn_up.weight", w, [embd, ff], Fill.Random));
            list.Add(new(p + "ffn_down.weight", w, [ff, embd], Fill.Random));
        }

        return list;
    }

    private static void Validate(ModelShape s, GgufTensorType weights)
    {
        if (s.Architecture is not ("llama" or "qwen2" or ModelShape.EncoderArchitecture))
        {
            throw new ArgumentException($"Shape '{s.Name}': the generator lays out 'llama', 'qwen2' and 'bert' models, not '{s.Architecture}'.");
        }

        if (s.BlockCount is <= 0 or > GgufConstants.MaxBlockCount || s.EmbeddingLength <= 0 || s.HeadCount <= 0
            || s.HeadCountKv <= 0 || s.FeedForwardLength <= 0 || s.ContextLength <= 0 || s.VocabSize < 0)
        {
            throw new ArgumentException($"Shape '{s.Name}' has a non-positive or out-of-range dimension.");
        }

        if (s.EmbeddingLength % s.HeadCount != 0 || s.HeadCount % s.HeadCountKv != 0)
        {
            throw new ArgumentException($"Shape '{s.Name}': heads must divide the embedding and KV heads must divide the heads.");
        }

        var block = GgmlTypeTraits.GetBlockSize(weights.ToGgmlType());
        if (s.EmbeddingLength % block != 0 || s.FeedForwardLength % block != 0)
        {
            throw new ArgumentException($"Shape '{s.Name}': {weights.GetName()} needs the embedding and feed-forward lengths to be multiples of {block}.");
        }
    }
}
