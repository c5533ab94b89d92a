using System.Diagnostics;
using System.Globalization;
using EdgeRouter.Core.Inference;
using EdgeRouter.Llama.Engine;
using EdgeRouter.Prompts.Grammar;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeRouter.Bench;

/// <summary>
/// The grammar's share of a token without the model: the guide's pick against llama.cpp's full-vocabulary pass on the
/// same synthetic logits (Gaussian, like a random-weight model's), step by step along one walk through the schema,
/// the two calls alternating first so that cache and frequency drift hit both. Every step both must choose the same
/// token (a mismatch is reported and fails the command). Walks restart at end of generation or after --steps.
/// </summary>
internal static class GrammarPickCommand
{
    public static int Run(Arguments args)
    {
        var picks = (int)args.Number("picks", 2000);
        var steps = (int)args.Number("steps", 64);
        using var engine = LlamaEngine.Load(
            new LlamaEngineOptions { ModelPath = args.Required("model"), LibraryDirectory = args.Required("lib-dir"), ContextLength = 256, Threads = 1 },
            NullLogger.Instance);
        var schema = BenchSchema.Read(args);
        var constraint = new GrammarConstraint(JsonSchemaGrammar.FromSchema(schema));
        var random = new Random(1);
        var logits = new float[engine.VocabularySize];
        var build = Stopwatch.StartNew();
        var reference = engine.CreateGrammarGuide(constraint);
        var tree = engine.CreateGrammarGuide(constraint);
        build.Stop();
        long referenceTicks = 0, treeTicks = 0;
        int mismatches = 0, walks = 1, step = 0, rejections = 0, treeWalks = 0;
        long treeChecks = 0;
        for (var i = 0; i < picks; i++)
        {
            for (var k = 0; k < logits.Length; k++)
            {
                // Box-Muller: Gaussian logits, sd 2.
                logits[k] = (float)(2 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
            }
            var best = GreedyPick.FirstIndexOfMax(logits);
            int a, b;
            var t0 = Stopwatch.GetTimestamp();
            if (i % 2 == 0)
            {
                a = reference.PickGreedyFullScan(logits, best);
                var t1 = Stopwatch.GetTimestamp();
                b = tree.PickGreedy(logits, best);
                referenceTicks += t1 - t0;
                treeTicks += Stopwatch.GetTimestamp() - t1;
            }
            else
            {
                b = tree.PickGreedy(logits, best);
                var t1 = Stopwatch.GetTimestamp();
                a = reference.PickGreedyFullScan(logits, best);
                treeTicks += t1 - t0;
                referenceTicks += Stopwatch.GetTimestamp() - t1;
            }
            if (a != b)
            {
                mismatches++;
            }
            if (a != b || tree.IsEndOfGeneration(b) || ++step >= steps)
            {
                (rejections, treeWalks, treeChecks) = (rejections + tree.Rejections, treeWalks + tree.TreeWalks, treeChecks + tree.TreeChecks);
                reference.Dispose();
                tree.Dispose();
                reference = engine.CreateGrammarGuide(constraint);
                tree = engine.CreateGrammarGuide(constraint);
                walks++;
                step = 0;
                continue;
            }
            reference.Accept(a);
            tree.Accept(b);
        }
        (rejections, treeWalks, treeChecks) = (rejections + tree.Rejections, treeWalks + tree.TreeWalks, treeChecks + tree.TreeChecks);
        reference.Dispose();
        tree.Dispose();
        var us = (long ticks) => ticks * 1e6 / Stopwatch.Frequency / picks;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $$"""{"picks":{{picks}},"walks":{{walks}},"vocab":{{logits.Length}},"first_guide_ms":{{build.Elapsed.TotalMilliseconds:F0}},"rejections":{{rejections}},"tree_walks":{{treeWalks}},"checks_per_tree_walk":{{(treeWalks > 0 ? treeChecks / treeWalks : 0)}},"full_scan_us_per_pick":{{us(referenceTicks):F1}},"guide_us_per_pick":{{us(treeTicks):F1}},"mismatches":{{mismatches}}}"""));
        return mismatches == 0 ? 0 : 1;
    }
}
