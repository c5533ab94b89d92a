using EdgeRouter.Bench;

// Tools for scripts/bench.sh: `load` is an open-loop load generator at a fixed request rate (wrk only runs closed
// loops), `alloc` counts managed allocations of the local decode loop per token. Each prints one JSON object.
return args.Length > 0 && args[0] == "load" ? await LoadCommand.RunAsync(new Arguments(args[1..]))
    : args.Length > 0 && args[0] == "alloc" ? AllocCommand.Run(new Arguments(args[1..]))
    : args.Length > 0 && args[0] == "grammar" ? GrammarCommand.Run(new Arguments(args[1..]))
    : args.Length > 0 && args[0] == "grammar-pick" ? GrammarPickCommand.Run(new Arguments(args[1..]))
    : Usage();

static int Usage()
{
    Console.Error.WriteLine("""
        usage: edgerouter-bench load --url URL --rate RPS --seconds S [--warmup S] [--body FILE] [--header 'Name: value']... [--connections N]
               edgerouter-bench alloc --model GGUF --lib-dir DIR --prompt-file FILE [--tokens N] [--warm N] [--threads N] [--ctx N]
               edgerouter-bench grammar --model GGUF --lib-dir DIR [--tokens N] [--rounds N] [--temperature T] [--schema JSON] [--threads N]
               edgerouter-bench grammar-pick --model GGUF --lib-dir DIR [--picks N] [--steps N] [--schema JSON]
        """);
    return 2;
}
