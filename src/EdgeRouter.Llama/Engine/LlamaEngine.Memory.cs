using EdgeRouter.Llama.Native;

namespace EdgeRouter.Llama.Engine;

public sealed partial class LlamaEngine
{
    /// <summary>
    /// Keeps the longest prefix shared with what is already in the KV memory and removes the rest; returns how many
    /// prompt tokens need no decode. Falls back to a full clear when the memory cannot drop a partial range
    /// (recurrent or SWA models) or disagrees with the mirror.
    /// </summary>
    private int PrepareMemory(ReadOnlySpan<int> prompt)
    {
        var keep = _reusePrefix ? _cached.ReusablePrefix(prompt) : 0;
        if (keep < _cached.Count)
        {
            if (LlamaNative.llama_memory_seq_rm(_memory, 0, keep, -1))
            {
                _cached.Truncate(keep);
            }
            else
            {
                ClearMemory();
                keep = 0;
            }
        }

        var posMax = LlamaNative.llama_memory_seq_pos_max(_memory, 0);
        if (posMax != _cached.Count - 1)
        {
            LlamaEngineLog.MemoryResynced(_logger, posMax, _cached.Count - 1);
            ClearMemory();
            keep = 0;
        }

        return keep;
    }

    /// <summary>Decodes prompt tokens [from, count) in n_batch chunks; returns Ok or Aborted.</summary>
    private unsafe LlamaDecodeStatus DecodePrompt(int from, int count)
    {
        fixed (int* tokens = _promptTokens)
        {
            for (var offset = from; offset < count; offset += _batchSize)
            {
                var chunk = Math.Min(_batchSize, count - offset);
                var status = Decode(tokens + offset, chunk);
                if (status != LlamaDecodeStatus.Ok)
                {
                    return status;
                }

                _cached.Append(new ReadOnlySpan<int>(tokens + offset, chunk));
            }
        }

        return LlamaDecodeStatus.Ok;
    }

    private unsafe LlamaDecodeStatus DecodeOne(int token)
    {
        var status = Decode(&token, 1);
        if (status == LlamaDecodeStatus.Ok)
        {
            _cached.Append(token);
        }

        return status;
    }

    /// <summary>
    /// llama_batch_get_one: sequence 0, positions continue from the memory, logits for the last token only.
    /// Returns Ok or Aborted; anything else throws.
    /// </summary>
    private unsafe LlamaDecodeStatus Decode(int* tokens, int count)
    {
        var status = LlamaNative.llama_decode(_context, LlamaNative.llama_batch_get_one(tokens, count));
        return status is LlamaDecodeStatus.Ok or LlamaDecodeStatus.Aborted
            ? status
            : throw new LlamaException($"llama_decode failed with status {(int)status} ({count} tokens at position {_cached.Count}).");
    }

    /// <summary>
    /// After an abort or error, llama.cpp keeps the micro-batches it finished, which the mirror does not know about:
    /// cut the memory back to the mirror, or start over.
    /// </summary>
    private void ForgetUnknownTail()
    {
        if (!LlamaNative.llama_memory_seq_rm(_memory, 0, _cached.Count, -1))
        {
            ClearMemory();
        }
    }

    private void ClearMemory()
    {
        LlamaNative.llama_memory_clear(_memory, data: true);
        _cached.Clear();
    }
}
