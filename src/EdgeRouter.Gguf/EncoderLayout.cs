namespace EdgeRouter.Gguf;

/// <summary>The tensors of a BERT encoder, named and shaped as llama.cpp's bert loader (src/models/bert.cpp) expects.</summary>
internal static class EncoderLayout
{
    /// <summary>BERT's segment embeddings: sentence A and B.</summary>
    public const int TokenTypeCount = 2;

    public static List<ModelLayout.Tensor> Build(ModelShape shape, GgufTensorType weights, int vocabSize)
    {
        var w = weights.ToGgmlType();
        long embd = shape.EmbeddingLength;
        long ff = shape.FeedForwardLength;
        var list = new List<ModelLayout.Tensor>
        {
            new("token_embd.weight", w, [embd, vocabSize], ModelLayout.Fill.Random),
            new("token_types.weight", GgmlType.F32, [embd, TokenTypeCount], ModelLayout.Fill.Random),
            new("position_embd.weight", GgmlType.F32, [embd, shape.ContextLength], ModelLayout.Fill.Random),
        };
        AddNorm(list, "token_embd_norm", embd);

        for (var i = 0; i < shape.BlockCount; i++)
        {
            var p = $"blk.{i}.";
            foreach (var projection in new[] { "attn_q", "attn_k", "attn_v", "attn_output" })
            {
                list.Add(new(p + projection + ".weight", w, [embd, embd], ModelLayout.Fill.Random));
                list.Add(new(p + projection + ".bias", GgmlType.F32, [embd], ModelLayout.Fill.Random));
            }

            AddNorm(list, p + "attn_output_norm", embd);
            list.Add(new(p + "ffn_up.weight", w, [embd, ff], ModelLayout.Fill.Random));
            list.Add(new(p + "ffn_up.bias", GgmlType.F32, [ff], ModelLayout.Fill.Random));
            list.Add(new(p + "ffn_down.weight", w, [ff, embd], ModelLayout.Fill.Random));
            list.Add(new(p + "ffn_down.bias", GgmlType.F32, [embd], ModelLayout.Fill.Random));
            AddNorm(list, p + "layer_output_norm", embd);
        }

        return list;
    }

    // LayerNorm, not RMSNorm: a weight of ones and a bias, which random values leave near zero.
    private static void AddNorm(List<ModelLayout.Tensor> list, string name, long embd)
    {
        list.Add(new(name + ".weight", GgmlType.F32, [embd], ModelLayout.Fill.Ones));
        list.Add(new(name + ".bias", GgmlType.F32, [embd], ModelLayout.Fill.Random));
    }
}
