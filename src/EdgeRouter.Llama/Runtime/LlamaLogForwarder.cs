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
    private static LlamaLogForwarder? installed;

    private readonly StringBuilder pending = new();
    private readonly Lock gate = new();
    private LogLevel level = LogLevel.Debug;

    /// <summary>Routes the process-global llama.cpp (and ggml, via llama_log_set) log to <paramref name="target"/>.</summary>
    public static unsafe void Install(ILogger target)
    {
        Volatile.Write(ref installed, new LlamaLogForwarder(target));
        LlamaNative.llama_log_set(&OnLog, null);
    }

    public void Write(GgmlLogLevel nativeLevel, ReadOnlySpan<byte> utf8)
    {
        lock (gate)
        {
            if (nativeLevel != GgmlLogLevel.Cont)
            {
                FlushPending();
                level = Map(nativeLevel);
            }

            pending.Append(Encoding.UTF8.GetString(utf8));
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
        while ((newline = IndexOf(pending, '\n')) >= 0)
        {
            var line = pending.ToString(0, newline);
            pending.Remove(0, newline + 1);
            Emit(line);
        }
    }

    private void FlushPending()
    {
        if (pending.Length > 0)
        {
            var line = pending.ToString();
            pending.Clear();
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

        var effective = level == LogLevel.Debug && trimmed.StartsWith("load_backend: loaded", StringComparison.Ordinal)
            ? LogLevel.Information
            : level;
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
                Volatile.Read(ref installed)?.Write(nativeLevel, MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text));
            }
        }
#pragma warning disable CA1031 // an exception must never unwind into native code
        catch (Exception)
        {
        }
#pragma warning restore CA1031
    }
}
