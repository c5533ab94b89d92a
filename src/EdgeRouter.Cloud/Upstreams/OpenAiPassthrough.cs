using System.Text.Json;

namespace EdgeRouter.Cloud.Upstreams;

/// <summary>Helpers for surfaces that copy <c>RawOpenAiStream</c> frames to a client.</summary>
public static class OpenAiPassthrough
{
    /// <summary>
    /// True for the usage-only chunk (<c>"choices": []</c> plus <c>usage</c>) that the router always asks the upstream
    /// for (to account tokens). A surface drops it when its client did not set <c>stream_options.include_usage</c>,
    /// because some clients index <c>choices[0]</c> on every chunk.
    /// </summary>
    public static bool IsUsageOnlyFrame(ReadOnlyMemory<byte> frame)
    {
        var data = SseFrame.Parse(frame.ToArray(), isComplete: true).Data;
        if (data is null || !data.Contains("\"usage\"", StringComparison.Ordinal))
        {
            return false;
        }
        try
        {
            var chunk = JsonSerializer.Deserialize(data, OpenAiWireContext.Default.OpenAiChunk);
            return chunk is { Usage: not null, Error: null } && chunk.Choices is null or { Count: 0 };
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
