using System.Text;

namespace EdgeRouter.Cloud.Upstreams;

/// <summary>
/// One server-sent event exactly as it arrived (<see cref="Raw"/>, including its terminating blank line, for
/// byte-for-byte passthrough) and its parsed fields (for translation and routing decisions).
/// </summary>
public sealed class SseFrame
{
    private SseFrame(ReadOnlyMemory<byte> raw, string? eventName, string? data, bool isComplete)
    {
        Raw = raw;
        Event = eventName;
        Data = data;
        IsComplete = isComplete;
    }

    public ReadOnlyMemory<byte> Raw { get; }

    /// <summary>The <c>event:</c> field, if any.</summary>
    public string? Event { get; }

    /// <summary>All <c>data:</c> lines joined with "\n"; null when the frame has none (comments, keep-alives).</summary>
    public string? Data { get; }

    /// <summary>False when the stream ended in the middle of this frame (no terminating blank line).</summary>
    public bool IsComplete { get; }

    public static SseFrame Parse(byte[] raw, bool isComplete)
    {
        string? eventName = null;
        StringBuilder? data = null;
        var text = Encoding.UTF8.GetString(raw);
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.IsEmpty || line[0] == ':')
            {
                continue;
            }
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? [] : line[(colon + 1)..];
            if (!value.IsEmpty && value[0] == ' ')
            {
                value = value[1..];
            }
            if (field.SequenceEqual("data"))
            {
                if (data is null)
                {
                    data = new StringBuilder(value.Length);
                }
                else
                {
                    data.Append('\n');
                }
                data.Append(value);
            }
            else if (field.SequenceEqual("event"))
            {
                eventName = value.ToString();
            }
        }
        return new SseFrame(raw, eventName, data?.ToString(), isComplete);
    }
}
