using System.Runtime.InteropServices;
using System.Text;
using EdgeRouter.Llama.Native;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Llama.Runtime;

/// <summary>
/// Turns llama.cpp/ggml log callbacks into whole-line ILogger records. The native side sends fragments: a record
/// may arrive in several calls without '\n', and level CONT continues the previous record at its level.
/// </summary>
internal sealed class LlamaLogForwarder(ILogger logger)
{
    private static LlamaLogForwarder? s_installed;

    // The decode thread's abort flag: once it is set, llama.cpp's "failed to compute graph" / "failed to decode"
    // errors are the expected echo of a client cancelling, not faults, so they are demoted to Debug.
    [ThreadStatic]
    private static AbortFlag? s_cancellableWork;

    private readonly StringBuilder _pending = new();
    private readonly Lock _gate = new();
    private LogLevel _level = LogLevel.Debug;

    /// <summary>Routes the process-global llama.cpp (and ggml, via llama_log_set) log to <paramref name="target"/>.</summary>
    public static unsafe void Install(ILogger target)
    {
        Volatile.Write(ref s_installed, new LlamaLogForwarder(target));
        LlamaNative.llama_log_set(&OnLog, null);
    }

    /// <summary>Marks the calling thread as running work that <paramref name="abort"/> may cancel (null ends it).</summary>
    public static void SetCancellableWork(AbortFlag? abort) => s_cancellableWork = abort;

    public void Write(GgmlLogLevel nativeLevel, ReadOnlySpan<byte> utf8)
    {
        lock (_gate)
        {
            if (nativeLevel != GgmlLogLevel.Cont)
            {
                FlushPending();
                _level = s_cancellableWork is { IsSet: true } ? LogLevel.Debug : Map(nativeLevel);
            }

            _pending.Append(Encoding.UTF8.GetString(utf8));
            EmitCompleteLines();
        }
    }

    /// <summary>llama.cpp is chatty at info level, so info goes to Debug; the backend choice is worth seeing.</summary>
    internal static LogLevel Map(GgmlLogLevel nativeLevel) => nativeLevel switch
    {
        GgmlLogLevel.Warn => LogLevel.Warning,
        GgmlLogLevel.Error => LogLevel.Error,
        _ => LogLevel.Debug,
    };

    private void EmitCompleteLines()
    {
        int newline;
        while ((newline = IndexOf(_pending, '\n')) >= 0)
        {
            var line = _pending.ToString(0, newline);
            _pending.Remove(0, newline + 1);
            Emit(line);
        }
    }

    private void FlushPending()
    {
        if (_pending.Length > 0)
        {
            var line = _pending.ToString();
            _pending.Clear();
            Emit(line);
        }
    }

    private void Emit(string line)
    {
        var trimmed = line.TrimEnd();
        if (trimmed.Length == 0)
        {
            return;
        }

        var effective = _level == LogLevel.Debug && trimmed.StartsWith("load_backend: loaded", StringComparison.Ordinal)
            ? LogLevel.Information
            : _level;
        LlamaRuntimeLog.Native(logger, effective, trimmed);
    }

    private static int IndexOf(StringBuilder builder, char value)
    {
        for (var i = 0; i < builder.Length; i++)
        {
            if (builder[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    [UnmanagedCallersOnly]
    private static unsafe void OnLog(GgmlLogLevel nativeLevel, byte* text, void* userData)
    {
        try
        {
            if (text != null)
            {
                Volatile.Read(ref s_installed)?.Write(nativeLevel, MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text));
            }
        }
#pragma warning disable CA1031 // an exception must never unwind into native code
        catch (Exception)
        {
        }
#pragma warning restore CA1031
    }
}
