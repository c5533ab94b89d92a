using System.Globalization;

namespace EdgeRouter.Host.Api.Ollama;

/// <summary>Spellings of Ollama's wire format.</summary>
internal static class OllamaFormat
{
    public const string NdjsonContentType = "application/x-ndjson";

    /// <summary>RFC 3339 with 100 ns precision in UTC, which Go's time.RFC3339Nano parser accepts.</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static long Nanoseconds(TimeSpan duration) => duration.Ticks * TimeSpan.NanosecondsPerTick;

    public static string DoneReason(EdgeRouter.Core.Inference.FinishReason reason) => reason == EdgeRouter.Core.Inference.FinishReason.Length ? "length" : "stop";

    /// <summary>"name:latest" unless the name already carries a tag.</summary>
    public static string Tagged(string name) => name.Contains(':') ? name : name + ":latest";

    /// <summary>"494M", "1.2B", as Ollama's details.parameter_size.</summary>
    public static string ParameterSize(long parameters) => parameters switch
    {
        >= 1_000_000_000 => (parameters / 1e9).ToString("0.#", CultureInfo.InvariantCulture) + "B",
        >= 1_000_000 => (parameters / 1e6).ToString("0", CultureInfo.InvariantCulture) + "M",
        >= 1_000 => (parameters / 1e3).ToString("0", CultureInfo.InvariantCulture) + "K",
        _ => parameters.ToString(CultureInfo.InvariantCulture),
    };
}
