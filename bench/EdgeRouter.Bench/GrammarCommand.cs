using System.Globalization;
using EdgeRouter.Core.Inference;
using EdgeRouter.Llama.Engine;
using EdgeRouter.Prompts.Grammar;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeRouter.Bench;

/// <summary>
/// Decode speed with and without a JSON-schema grammar on the same engine and prompt, alternating runs so drift
/// hits both. The default schema is the one scripts/bench.sh measures over HTTP (a 3-field object whose first field
/// is free text); an array of strings, the earlier default, let the qwen-shaped model close it after 2 tokens.
/// Random weights are the worst case for the grammar: the unconstrained choice is refused at most steps, so the
/// figure bounds the cost from above; a trained model's first choice is usually allowed.
/// </summary>
internal static class GrammarCommand
{
    public static int Run(Arguments args)
    {
        var tokens = (int)args.Number("tokens", 64);
        var rounds = (int)args.Number("rounds", 3);
        var temperature = (float)args.Number("temperature", 0);
        var modelPath = args.Required("model");
        if (!File.Exists(modelPath))
        {
            // Random weights in Qwen2.5-0.5B's shape (151,936-token vocabulary: the size the grammar has to filter).
            EdgeRouter.Gguf.ModelGenerator.Generate(
                new EdgeRouter.Gguf.ModelSpec
                {
                    Shape = args.Text("shape") == "tiny" ? EdgeRouter.Gguf.ModelShape.Tiny : EdgeRouter.Gguf.ModelShape.Qwen25_0_5B,
                    TensorType = EdgeRouter.Gguf.GgufTensorType.Q8_0,
                    Seed = 7,
                },
                modelPath);
        }
        using var engine = LlamaEngine.Load(
            new LlamaEngineOptions
            {
                ModelPath = modelPath,
                LibraryDirectory = args.Required("lib-dir"),
                ContextLength = (int)args.Number("ctx", 1024),
                Threads = (int)args.Number("threads", 2),
            },
            NullLogger.Instance);
        var schema = BenchSchema.Read(args);
        var grammar = new GrammarConstraint(JsonSchemaGrammar.FromSchema(schema));
        var sampling = new SamplingOptions { Temperature = temperature, Seed = 1, MaxTokens = tokens };
        var free = GenerationRequest.Chat([new ChatMessage("user", "List some cities as JSON.")], sampling);
        var constrained = free with { Grammar = grammar };

        engine.Generate(free, NullSink.Instance, CancellationToken.None);
        engine.Generate(constrained, NullSink.Instance, CancellationToken.None);
        var freeRates = new List<double>();
        var grammarRates = new List<double>();
        var grammarTokens = 0;
        for (var i = 0; i < rounds; i++)
        {
            freeRates.Add(engine.Generate(free, NullSink.Instance, CancellationToken.None).DecodeTokensPerSecond);
            var result = engine.Generate(constrained, NullSink.Instance, CancellationToken.None);
            grammarTokens = result.CompletionTokens;
            grammarRates.Add(result.DecodeTokensPerSecond);
        }
        var freeMedian = Median(freeRates);
        var grammarMedian = Median(grammarRates);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $$"""{"tokens":{{tokens}},"grammar_tokens":{{grammarTokens}},"temperature":{{temperature}},"free_tok_s":{{freeMedian:F1}},"grammar_tok_s":{{grammarMedian:F1}},"ratio":{{grammarMedian / freeMedian:F3}}}"""));
        return 0;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private sealed class NullSink : ITokenSink
    {
        public static NullSink Instance { get; } = new();

        public void OnText(ReadOnlySpan<char> text)
        {
        }

        public void OnProgress(int generatedTokens)
        {
        }
    }
}
