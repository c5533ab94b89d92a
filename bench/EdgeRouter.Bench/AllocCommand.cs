using System.Globalization;
using EdgeRouter.Core.Inference;
using EdgeRouter.Llama.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeRouter.Bench;

/// <summary>
/// Runs the engine's generation loop in process and counts the managed bytes the generating thread allocates between
/// token <c>warm</c> and the last token: the steady-state decode loop should allocate nothing per token.
/// </summary>
internal static class AllocCommand
{
    public static int Run(Arguments args)
    {
        var tokens = (int)args.Number("tokens", 64);
        var warm = (int)args.Number("warm", 8);
        using var engine = LlamaEngine.Load(
            new LlamaEngineOptions
            {
                ModelPath = args.Required("model"),
                LibraryDirectory = args.Required("lib-dir"),
                ContextLength = (int)args.Number("ctx", 1024),
                Threads = (int)args.Number("threads", 2),
            },
            NullLogger.Instance);
        var prompt = File.ReadAllText(args.Required("prompt-file"));
        var request = GenerationRequest.Completion(prompt, new SamplingOptions { Temperature = 0f, MaxTokens = tokens });

        // The first run loads types and JITs the loop; only the second one is counted.
        engine.Generate(request, new CountingSink(warm, tokens), CancellationToken.None);
        var sink = new CountingSink(warm, tokens);
        var gen0 = GC.CollectionCount(0);
        var result = engine.Generate(request, sink, CancellationToken.None);
        if (result.CompletionTokens < tokens)
        {
            Console.Error.WriteLine($"alloc: the model stopped after {result.CompletionTokens} of {tokens} tokens");
            return 1;
        }

        var counted = tokens - warm;
        var bytes = sink.AllocatedAtEnd - sink.AllocatedAtWarm;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $$"""{"tokens_counted":{{counted}},"allocated_bytes":{{bytes}},"bytes_per_token":{{(double)bytes / counted:F1}},"gen0_collections":{{GC.CollectionCount(0) - gen0}}}"""));
        return 0;
    }

    /// <summary>Reads the thread's allocation counter at two tokens and allocates nothing itself.</summary>
    private sealed class CountingSink(int warm, int last) : ITokenSink
    {
        public long AllocatedAtWarm { get; private set; }

        public long AllocatedAtEnd { get; private set; }

        public void OnText(ReadOnlySpan<char> text)
        {
        }

        public void OnProgress(int generatedTokens)
        {
            if (generatedTokens == warm)
            {
                AllocatedAtWarm = GC.GetAllocatedBytesForCurrentThread();
            }
            else if (generatedTokens == last)
            {
                AllocatedAtEnd = GC.GetAllocatedBytesForCurrentThread();
            }
        }
    }
}
