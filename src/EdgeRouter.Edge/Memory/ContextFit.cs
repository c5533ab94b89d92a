using EdgeRouter.Edge.Telemetry;

namespace EdgeRouter.Edge.Memory;

/// <summary>
/// Picks the context window when none is configured: the largest the memory guard says fits (weights + KV cache +
/// margin within what is available), capped by the model's trained context and the operator's ceiling. Agents need
/// large windows (a tool-using gateway sends ~17.5K tokens a turn), and a fixed small default made them refuse the
/// model; a window sized to the board gives them what the board can hold, and no more.
/// </summary>
public static class ContextFit
{
    /// <summary>llama.cpp pads n_ctx to a multiple of 256; choosing one keeps the reported figure the allocated one.</summary>
    public const int Granularity = 256;

    /// <summary>When memory cannot be read the guard cannot judge; take Ollama's small default instead of the ceiling.</summary>
    public const int UnknownMemoryDefault = 4096;

    /// <param name="model">The model; its <see cref="ModelMemoryRequest.ContextLength"/> is ignored.</param>
    /// <param name="trainedContext">The GGUF's {arch}.context_length, or null when the file does not say.</param>
    /// <param name="ceiling">model.maxContextLength.</param>
    /// <param name="floor">The smallest window worth serving; if even that does not fit, it is chosen and the guard refuses it with its sentence.</param>
    public static ContextChoice Choose(ModelMemoryRequest model, MemoryReading memory, MemoryGuardOptions options, int? trainedContext,
        int ceiling, int floor)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(options);
        var cap = trainedContext is { } trained and > 0 && trained < ceiling ? trained : ceiling;
        var capReason = cap == ceiling ? $"the ceiling model.maxContextLength ({ceiling})" : $"the model's trained context ({cap})";
        if (memory.EffectiveAvailableBytes is not { } available)
        {
            var tokens = Math.Min(cap, UnknownMemoryDefault);
            return new ContextChoice(tokens, $"available memory is unknown, so {tokens} (capped by {capReason})");
        }

        var perToken = BytesPerToken(model, options);
        // One byte of slack: the guard rounds the KV cache up, this division rounds down.
        var room = available - model.FileBytes - options.MarginBytes - 1;
        var fitting = perToken <= 0 ? long.MaxValue : (long)Math.Floor(room / perToken);
        if (fitting >= cap)
        {
            return new ContextChoice(cap, $"capped by {capReason}; more would fit");
        }
        var rounded = (int)(Math.Max(0, fitting) / Granularity * Granularity);
        return rounded >= floor
            ? new ContextChoice(rounded, "the largest window that fits in available memory")
            : new ContextChoice(Math.Min(floor, cap), "not even the minimum window fits in available memory");
    }

    private static double BytesPerToken(ModelMemoryRequest model, MemoryGuardOptions options)
    {
        // The guard's own arithmetic for a large window, divided back: one formula, so the choice always passes the guard.
        const int Probe = 1 << 16;
        var (bytes, _) = MemoryGuard.KvCacheBytes(model with { ContextLength = Probe }, options);
        return bytes / (double)Probe;
    }
}

/// <summary>The chosen window and why, for the log, `edgerouter check` and /readyz.</summary>
public sealed record ContextChoice(int Tokens, string Reason);
