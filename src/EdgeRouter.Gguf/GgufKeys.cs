namespace EdgeRouter.Gguf;

/// <summary>Metadata key names llama.cpp reads. Architecture-scoped keys take the architecture as prefix.</summary>
public static class GgufKeys
{
    public const string Architecture = "general.architecture";
    public const string Name = "general.name";
    public const string FileType = "general.file_type";
    public const string QuantizationVersion = "general.quantization_version";
    public const string Alignment = "general.alignment";

    public const string TokenizerModel = "tokenizer.ggml.model";
    public const string TokenizerPre = "tokenizer.ggml.pre";
    public const string Tokens = "tokenizer.ggml.tokens";
    public const string Scores = "tokenizer.ggml.scores";
    public const string TokenTypes = "tokenizer.ggml.token_type";
    public const string BosTokenId = "tokenizer.ggml.bos_token_id";
    public const string EosTokenId = "tokenizer.ggml.eos_token_id";
    public const string UnknownTokenId = "tokenizer.ggml.unknown_token_id";
    public const string PaddingTokenId = "tokenizer.ggml.padding_token_id";
    public const string AddBosToken = "tokenizer.ggml.add_bos_token";
    public const string AddEosToken = "tokenizer.ggml.add_eos_token";
    public const string AddSpacePrefix = "tokenizer.ggml.add_space_prefix";
    public const string ChatTemplate = "tokenizer.chat_template";
    public const string TokenTypeCount = "tokenizer.ggml.token_type_count";
    public const string ClsTokenId = "tokenizer.ggml.cls_token_id";
    public const string MaskTokenId = "tokenizer.ggml.mask_token_id";

    /// <summary>llama.cpp's own spelling of the key.</summary>
    public const string SeparatorTokenId = "tokenizer.ggml.seperator_token_id";

    /// <summary>llama_pooling_type LLAMA_POOLING_TYPE_MEAN, the value of {arch}.pooling_type.</summary>
    public const uint PoolingMean = 1;

    public static string ContextLength(string arch) => arch + ".context_length";
    public static string EmbeddingLength(string arch) => arch + ".embedding_length";
    public static string BlockCount(string arch) => arch + ".block_count";
    public static string FeedForwardLength(string arch) => arch + ".feed_forward_length";
    public static string HeadCount(string arch) => arch + ".attention.head_count";
    public static string HeadCountKv(string arch) => arch + ".attention.head_count_kv";
    public static string RmsNormEpsilon(string arch) => arch + ".attention.layer_norm_rms_epsilon";
    public static string RopeDimensionCount(string arch) => arch + ".rope.dimension_count";
    public static string RopeFreqBase(string arch) => arch + ".rope.freq_base";
    public static string VocabSize(string arch) => arch + ".vocab_size";
    public static string LayerNormEpsilon(string arch) => arch + ".attention.layer_norm_epsilon";
    public static string AttentionCausal(string arch) => arch + ".attention.causal";
    public static string PoolingType(string arch) => arch + ".pooling_type";
}
