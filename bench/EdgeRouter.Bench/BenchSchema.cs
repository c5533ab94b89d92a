using System.Text.Json;

namespace EdgeRouter.Bench;

/// <summary>The schema the grammar commands constrain to: --schema, else the 3-field object scripts/bench.sh measures over HTTP.</summary>
internal static class BenchSchema
{
    private const string Default =
        """{"type":"object","properties":{"answer":{"type":"string"},"people":{"type":"array","items":{"type":"string"}},"count":{"type":"integer"}},"required":["answer","people","count"]}""";

    public static JsonElement Read(Arguments args) => JsonDocument.Parse(args.Text("schema") ?? Default).RootElement;
}
