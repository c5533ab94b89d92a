namespace EdgeRouter.Gguf;

/// <summary>The tokenizer metadata rules of llama-vocab.cpp that can be checked without the vocabulary itself.</summary>
internal static class GgufTokenizerCheck
{
    public static void Check(GgufFile file)
    {
        if (!file.TryGetValue(GgufKeys.TokenizerModel, out var model))
        {
            throw GgufValidator.Fail($"missing {GgufKeys.TokenizerModel}");
        }

        if (model.AsString is not { } name)
        {
            throw GgufValidator.Fail($"{GgufKeys.TokenizerModel} must be a string but is {GgufValue.TypeName(model.Type)}");
        }

        if (name is "none" or "no_vocab")
        {
            throw GgufValidator.Fail($"{GgufKeys.TokenizerModel} = '{name}': the model has no vocabulary");
        }

        var tokens = RequireArray(file, GgufKeys.Tokens, GgufValueType.String);
        if (tokens.Count == 0)
        {
            throw GgufValidator.Fail($"{GgufKeys.Tokens} is empty");
        }

        CheckParallelArray(file, GgufKeys.Scores, tokens.Count, GgufValueType.Float32, GgufValueType.Int32);
        CheckParallelArray(file, GgufKeys.TokenTypes, tokens.Count, GgufValueType.Int32, GgufValueType.Int32);
        foreach (var key in new[] { GgufKeys.BosTokenId, GgufKeys.EosTokenId, GgufKeys.UnknownTokenId, GgufKeys.PaddingTokenId })
        {
            CheckTokenId(file, key);
        }
    }

    private static GgufArray RequireArray(GgufFile file, string key, GgufValueType elementType)
    {
        if (!file.TryGetValue(key, out var value))
        {
            throw GgufValidator.Fail($"missing {key}");
        }

        if (value.AsArray is not { } array || array.ElementType != elementType)
        {
            throw GgufValidator.Fail($"{key} must be an array of {GgufValue.TypeName(elementType)}");
        }

        return array;
    }

    private static void CheckParallelArray(GgufFile file, string key, long tokens, GgufValueType type, GgufValueType alternative)
    {
        if (!file.TryGetValue(key, out var value))
        {
            return;
        }

        if (value.AsArray is not { } array || (array.ElementType != type && array.ElementType != alternative))
        {
            throw GgufValidator.Fail($"{key} must be an array of {GgufValue.TypeName(type)}");
        }

        if (array.Count < tokens)
        {
            throw GgufValidator.Fail($"{key} has {array.Count} entries for {tokens} tokens");
        }
    }

    private static void CheckTokenId(GgufFile file, string key)
    {
        if (!file.TryGetValue(key, out var value))
        {
            return;
        }

        // llama.cpp reads ids as u32 and fails on any other type; an out-of-range id is only logged and ignored.
        if (value.Value is not uint)
        {
            throw GgufValidator.Fail($"{key} must be u32 but is {GgufValue.TypeName(value.Type)}");
        }
    }
}
