namespace EdgeRouter.Tests.Soak;

public enum SoakVerdict
{
    /// <summary>A complete answer with its proper end: [DONE] after a finish_reason, done:true, or a whole body with one.</summary>
    Answered,
    /// <summary>An error status with the surface's error shape (OpenAI {"error":{...}}, Ollama {"error":"..."}).</summary>
    Error,
    /// <summary>A stream that broke after it started and said so: an SSE error event or an NDJSON error line, no end marker.</summary>
    ErrorInStream,
    /// <summary>The client walked away (by plan) before the answer was complete.</summary>
    Aborted,
    /// <summary>Anything else: a reset without an error, a stream that just stops, no answer in time, a malformed body.</summary>
    Lost,
}

/// <param name="Detail">Answered: the serving tier. Error: the status and the last tier's reason. Lost: what was wrong.</param>
public sealed record SoakOutcome(SoakVerdict Verdict, string Detail);
