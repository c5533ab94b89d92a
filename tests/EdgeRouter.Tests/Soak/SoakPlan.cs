using System.Text.Json;
using EdgeRouter.Tests.Cloud.Support;

namespace EdgeRouter.Tests.Soak;

public enum SoakSurface
{
    OpenAiChat,
    OllamaChat,
    OllamaGenerate,
}

public enum SoakAbort
{
    None,
    /// <summary>The client gives up after <see cref="SoakPlan.AbortAfter"/>, wherever the request is by then.</summary>
    AfterDelay,
    /// <summary>The client hangs up right after the first chunk of a stream.</summary>
    MidStream,
}

/// <summary>One request of the soak's seeded mix: which surface, route, stream or not, and whether the client walks away.</summary>
public sealed record SoakPlan(SoakSurface Surface, string Model, bool Stream, int MaxTokens, SoakAbort Abort, TimeSpan AbortAfter, string Prompt)
{
    /// <summary>The router's model names in play: the local tier, the routes with and without it, and a bare upstream.</summary>
    private static readonly (int Weight, string Model)[] Models = [(30, "local"), (25, "auto"), (25, "cloud"), (20, SoakUpstreams.Flaky)];

    private static readonly string[] Words = ["edge", "board", "thermal", "gate", "route", "stream", "token", "model", "cloud", "queue"];

    public string Input => $"{Surface} · {Model} · {(Stream ? "stream" : "whole")}";

    public string Path => Surface switch
    {
        SoakSurface.OpenAiChat => "/v1/chat/completions",
        SoakSurface.OllamaChat => "/api/chat",
        _ => "/api/generate",
    };

    public string Body
    {
        get
        {
            var prompt = JsonSerializer.Serialize(Prompt, WireJson.Default.String);
            var stream = Stream ? "true" : "false";
            return Surface switch
            {
                SoakSurface.OpenAiChat =>
                    $$$"""{"model":"{{{Model}}}","messages":[{"role":"user","content":{{{prompt}}}}],"stream":{{{stream}}},"max_tokens":{{{MaxTokens}}}}""",
                SoakSurface.OllamaChat =>
                    $$$"""{"model":"{{{Model}}}","messages":[{"role":"user","content":{{{prompt}}}}],"stream":{{{stream}}},"options":{"num_predict":{{{MaxTokens}}}}}""",
                _ => $$$"""{"model":"{{{Model}}}","prompt":{{{prompt}}},"stream":{{{stream}}},"options":{"num_predict":{{{MaxTokens}}}}}""",
            };
        }
    }

    public static SoakPlan Next(Random random)
    {
        var surface = (SoakSurface)random.Next(3);
        var model = Pick(random);
        var stream = random.Next(100) < 60;
        var abort = random.Next(100) switch
        {
            < 8 => SoakAbort.AfterDelay,
            < 15 => stream ? SoakAbort.MidStream : SoakAbort.AfterDelay,
            _ => SoakAbort.None,
        };
        var prompt = string.Join(' ', Enumerable.Range(0, random.Next(1, 12)).Select(_ => Words[random.Next(Words.Length)]));
        return new SoakPlan(surface, model, stream, random.Next(8, 65), abort, TimeSpan.FromMilliseconds(random.Next(0, 300)), prompt);
    }

    private static string Pick(Random random)
    {
        var pick = random.Next(Models.Sum(m => m.Weight));
        foreach (var (weight, model) in Models)
        {
            if ((pick -= weight) < 0)
            {
                return model;
            }
        }
        return Models[^1].Model;
    }
}
