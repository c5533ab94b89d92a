using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace EdgeRouter.Tests.Llama.Engine;

/// <summary>
/// Random JSON schemas from the converter's supported subset. Strings and arrays carry a small maxLength/maxItems:
/// a random-weight model has no reason to close an unbounded string, and the answer must close within the tiny
/// model's 512-token window (unbounded ones are covered by the converter's unit tests). oneOf branches are of
/// disjoint types, so "exactly one" holds by construction as it does for the discriminated unions clients send.
/// </summary>
internal static class SchemaGen
{
    private static readonly string[] Names = ["id", "name", "tags", "a b", "ünï", "x\"q", "n"];

    public static Gen<JsonObject> Root =>
        from body in Schema(2)
        from wrap in Gen.Elements(false, true)
        select wrap ? new JsonObject { ["$defs"] = new JsonObject { ["thing"] = body }, ["$ref"] = "#/$defs/thing" } : body;

    /// <remarks>
    /// Every generated node is a fresh copy: Gen.Constant hands out one instance, and FsCheck reuses generated values
    /// when it shrinks, while a JsonNode may have only one parent.
    /// </remarks>
    public static Gen<JsonObject> Schema(int depth) => (depth <= 0
        ? Leaf
        : Gen.Frequency(
            (3, Leaf),
            (3, Object(depth)),
            (2, Array(depth)),
            (1, AnyOf(depth)),
            (1, OneOf))).Select(static schema => schema.DeepClone().AsObject());

    private static Gen<JsonObject> Leaf => Gen.OneOf(
        from max in Gen.Choose(0, 6)
        from min in Gen.Choose(0, Math.Min(max, 2))
        select new JsonObject { ["type"] = "string", ["minLength"] = min, ["maxLength"] = max },
        Gen.Elements("date", "time", "date-time", "uuid").Select(f => new JsonObject { ["type"] = "string", ["format"] = f }),
        Gen.Constant(new JsonObject { ["type"] = "integer" }),
        from lo in Gen.Choose(-120, 120)
        from span in Gen.Choose(0, 300)
        from kind in Gen.Choose(0, 3)
        select kind switch
        {
            0 => new JsonObject { ["type"] = "integer", ["minimum"] = lo, ["maximum"] = lo + span },
            1 => new JsonObject { ["type"] = "integer", ["minimum"] = lo },
            2 => new JsonObject { ["type"] = "integer", ["maximum"] = lo },
            _ => new JsonObject { ["type"] = "integer", ["exclusiveMinimum"] = lo, ["exclusiveMaximum"] = lo + span + 2 },
        },
        Gen.Constant(new JsonObject { ["type"] = "number" }),
        from lo in Gen.Choose(0, 5)
        from span in Gen.Choose(1, 10)
        from exclusive in Gen.Elements(false, true)
        select exclusive
            ? new JsonObject { ["type"] = "number", ["exclusiveMinimum"] = lo, ["maximum"] = lo + span }
            : new JsonObject { ["type"] = "number", ["minimum"] = lo, ["maximum"] = lo + span },
        Gen.Constant(new JsonObject { ["type"] = "boolean" }),
        Gen.Constant(new JsonObject { ["type"] = "null" }),
        Gen.Constant(new JsonObject { ["type"] = new JsonArray("string", "null"), ["maxLength"] = 3 }),
        Gen.Elements<JsonNode?>("red", "green", 3, 4.5, true, null, "é\"\\").ListOf(3)
            .Select(values => new JsonObject { ["enum"] = new JsonArray(values.Select(v => v?.DeepClone()).Distinct(new NodeEquality()).ToArray()) }),
        Gen.Elements<JsonNode?>("fixed", 42, false).Select(v => new JsonObject { ["const"] = v?.DeepClone() }));

    private static Gen<JsonObject> Object(int depth) =>
        from count in Gen.Choose(0, 3)
        from names in Gen.Shuffle(Names)
        from schemas in Schema(depth - 1).ListOf(count)
        from required in Gen.Elements(false, true).ListOf(count)
        select BuildObject(names.Take(count).ToList(), schemas.ToList(), required.ToList());

    private static JsonObject BuildObject(List<string> names, List<JsonObject> schemas, List<bool> required)
    {
        var properties = new JsonObject();
        var requiredNames = new JsonArray();
        for (var i = 0; i < names.Count; i++)
        {
            properties[names[i]] = schemas[i];
            if (required[i])
            {
                requiredNames.Add(names[i]);
            }
        }
        return new JsonObject
        {
            ["type"] = "object", ["properties"] = properties, ["required"] = requiredNames, ["additionalProperties"] = false,
        };
    }

    private static Gen<JsonObject> Array(int depth) =>
        from items in Schema(depth - 1)
        from min in Gen.Choose(0, 1)
        from extra in Gen.Choose(0, 2)
        select new JsonObject { ["type"] = "array", ["items"] = items, ["minItems"] = min, ["maxItems"] = min + extra };

    private static Gen<JsonObject> AnyOf(int depth) =>
        from branches in Schema(depth - 1).ListOf(2)
        select new JsonObject { ["anyOf"] = new JsonArray(branches.Select(b => (JsonNode)b).ToArray()) };

    private static Gen<JsonObject> OneOf =>
        from kinds in Gen.Shuffle(new[] { "boolean", "null", "integer", "string" })
        select new JsonObject
        {
            ["oneOf"] = new JsonArray(kinds.Take(2).Select(k => (JsonNode)(k == "string"
                ? new JsonObject { ["type"] = k, ["maxLength"] = 4 }
                : new JsonObject { ["type"] = k })).ToArray()),
        };

    private sealed class NodeEquality : IEqualityComparer<JsonNode?>
    {
        public bool Equals(JsonNode? x, JsonNode? y) => JsonNode.DeepEquals(x, y);

        public int GetHashCode(JsonNode? obj) => obj?.ToJsonString().GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
