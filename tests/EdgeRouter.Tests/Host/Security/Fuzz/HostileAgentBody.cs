using System.Text;
using System.Text.Json.Nodes;

namespace EdgeRouter.Tests.Host.Security.Fuzz;

/// <summary>
/// A seeded generator of hostile agent requests on both chat surfaces: a valid request with tools, then mutations of
/// what agents send (tool definitions, JSON schemas, tool_choice, tool-call history, response formats) and contents
/// that set off <see cref="HostileAgentRequestTests.Template"/>'s traps. The same seed always gives the same requests.
/// </summary>
public sealed class HostileAgentBody(int seed)
{
    /// <summary>Message contents the test template turns into an endless loop, runaway recursion or a flood of output.</summary>
    public static readonly string[] TemplateTraps = ["loop", "recurse", "bloat"];

    private readonly Random _random = new(seed);

    public HostileRequest Next()
    {
        var openAi = _random.Next(2) == 0;
        var root = openAi ? ValidOpenAi() : ValidOllama();
        var recipe = new List<string>();
        for (var i = _random.Next(1, 3); i > 0; i--)
        {
            recipe.Add(Mutate(root, openAi));
        }
        var path = openAi ? "/v1/chat/completions" : "/api/chat";
        return new HostileRequest("POST", path, Encoding.UTF8.GetBytes(root.ToJsonString()), "application/json", string.Join(" + ", recipe));
    }

    private JsonObject ValidOpenAi() => new()
    {
        ["model"] = "local",
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Weather in Oslo?" }),
        ["tools"] = new JsonArray(Tool("get_weather", WeatherSchema())),
        ["max_tokens"] = _random.Next(1, 12),
        ["stream"] = _random.Next(2) == 0,
    };

    private JsonObject ValidOllama() => new()
    {
        ["model"] = "local",
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Weather in Oslo?" }),
        ["tools"] = new JsonArray(Tool("get_weather", WeatherSchema())),
        ["options"] = new JsonObject { ["num_predict"] = _random.Next(1, 12) },
        ["stream"] = _random.Next(2) == 0,
    };

    private static JsonObject WeatherSchema() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject { ["city"] = new JsonObject { ["type"] = "string" } },
        ["required"] = new JsonArray("city"),
    };

    private static JsonObject Tool(string name, JsonNode? parameters) => new()
    {
        ["type"] = "function",
        ["function"] = new JsonObject { ["name"] = name, ["description"] = "d", ["parameters"] = parameters },
    };

    private string Mutate(JsonObject root, bool openAi)
    {
        var messages = (JsonArray)root["messages"]!;
        switch (_random.Next(12))
        {
            case 0:
            {
                var (schema, how) = HostileSchema();
                root["tools"] = new JsonArray(Tool("get_weather", schema));
                Force(root, openAi);
                return $"tool schema: {how}, forced";
            }
            case 1:
            {
                var (schema, how) = HostileSchema();
                if (openAi)
                {
                    root["response_format"] = new JsonObject
                    {
                        ["type"] = "json_schema",
                        ["json_schema"] = new JsonObject { ["name"] = "r", ["strict"] = true, ["schema"] = schema },
                    };
                }
                else
                {
                    root["format"] = schema;
                }
                return $"response schema: {how}";
            }
            case 2:
                root["tools"] = BrokenTools();
                return "broken tools";
            case 3:
                root["tool_choice"] = new JsonNode?[]
                {
                    "banana", 7, null, new JsonObject { ["type"] = "function" },
                    new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = "no_such_tool" } },
                    new JsonArray("required"),
                }[_random.Next(6)]?.DeepClone();
                return "odd tool_choice";
            case 4:
                messages.Add(AssistantCall(openAi, BrokenArguments()));
                return "assistant call with broken arguments";
            case 5:
                messages.Add(new JsonObject { ["role"] = "tool", ["content"] = WrongContent() });
                return "tool result without a call id";
            case 6:
                messages.Insert(0, new JsonObject { ["role"] = "tool", ["tool_call_id"] = "call_x", ["content"] = "12 C" });
                return "tool result first";
            case 7:
            {
                var calls = new JsonArray();
                for (var i = _random.Next(50, 400); i > 0; i--)
                {
                    calls.Add(Call(openAi, "get_weather", "{\"city\":\"Oslo\"}", "call_dup"));
                }
                messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = calls });
                return "hundreds of calls with one id";
            }
            case 8:
                messages.Add(new JsonObject { ["role"] = "user", ["content"] = TemplateTraps[_random.Next(TemplateTraps.Length)] });
                return "template trap";
            case 9:
                root["tools"] = new JsonArray(Enumerable.Range(0, _random.Next(100, 600))
                    .Select(i => (JsonNode?)Tool($"tool_{i}", WeatherSchema())).ToArray());
                Force(root, openAi);
                return "hundreds of tools, forced";
            case 10:
                root["tools"] = new JsonArray(Tool(TemplateTraps[0], WeatherSchema()));
                return "tool named like a template trap";
            default:
                messages.Add(AssistantCall(openAi, "{\"city\":\"Oslo\"}"));
                messages.Add(new JsonObject { ["role"] = "tool", ["tool_call_id"] = "call_1", ["tool_name"] = "get_weather", ["content"] = "12 C" });
                Force(root, openAi);
                return "a well-formed round trip, forced";
        }
    }

    private void Force(JsonObject root, bool openAi)
    {
        // Ollama has no tool_choice: there the model decides, so a forced call is an OpenAI-surface case only.
        if (openAi)
        {
            root["tool_choice"] = _random.Next(2) == 0
                ? "required"
                : new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = "get_weather" } };
        }
    }

    private (JsonNode? Schema, string How) HostileSchema()
    {
        switch (_random.Next(15))
        {
            case 14:
                return (new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["$ref"] = "#" }, new JsonObject { ["type"] = "null" }) }, "anyOf refers to itself");
            case 0:
            {
                JsonNode node = new JsonObject { ["type"] = "string" };
                var depth = _random.Next(2) == 0 ? 40 : 400;
                for (var i = 0; i < depth; i++)
                {
                    node = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["a"] = node }, ["required"] = new JsonArray("a") };
                }
                return (node, $"nested {depth} deep");
            }
            case 1:
                return (new JsonObject { ["$ref"] = "#" }, "$ref to itself");
            case 2:
                return (new JsonObject
                {
                    ["$defs"] = new JsonObject
                    {
                        ["a"] = new JsonObject { ["$ref"] = "#/$defs/b" },
                        ["b"] = new JsonObject { ["$ref"] = "#/$defs/a" },
                    },
                    ["$ref"] = "#/$defs/a",
                }, "$ref cycle");
            case 3:
                return (new JsonObject { ["$ref"] = "#/$defs/missing" }, "dangling $ref");
            case 4:
                return (new JsonObject { ["type"] = "string", ["minLength"] = 1_000_000_000 }, "minLength 1e9");
            case 5:
                return (new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "integer" }, ["minItems"] = 50_000, ["maxItems"] = 2_000_000_000 }, "huge minItems");
            case 6:
                return (new JsonObject { ["enum"] = new JsonArray(Enumerable.Range(0, 20_000).Select(i => (JsonNode?)$"v{i}").ToArray()) }, "20k enum");
            case 7:
                return (new JsonObject { ["anyOf"] = new JsonArray(Enumerable.Range(0, 3_000).Select(i => (JsonNode?)new JsonObject { ["const"] = i }).ToArray()) }, "3k anyOf");
            case 8:
                return (new JsonObject { ["type"] = "object", ["patternProperties"] = new JsonObject { [".*"] = new JsonObject() } }, "unsupported keyword");
            case 9:
                return (new JsonObject { ["type"] = new JsonNode?[] { "banana", 3, null, new JsonArray() }[_random.Next(4)]?.DeepClone() }, "odd type");
            case 10:
                return (new JsonObject { ["type"] = "integer", ["minimum"] = 1e300, ["maximum"] = -1e300 }, "empty integer range");
            case 11:
                return (new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject(Enumerable.Range(0, 3_000).Select(i =>
                        KeyValuePair.Create($"p{i}", (JsonNode?)new JsonObject { ["type"] = "string" }))),
                }, "3k properties");
            case 12:
                return (new JsonNode?[] { "x", 1, new JsonArray(), true, null }[_random.Next(5)]?.DeepClone(), "not an object");
            default:
                return (new JsonObject { ["type"] = "string", ["pattern"] = "(a+)+$", ["format"] = "email" }, "pattern and format");
        }
    }

    private JsonNode BrokenTools() => _random.Next(7) switch
    {
        0 => new JsonArray(new JsonObject { ["type"] = "function" }),
        1 => new JsonArray(new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = "" } }),
        2 => new JsonArray(Tool(new string('n', 100_000), WeatherSchema())),
        3 => new JsonArray(Tool("get_weather", WeatherSchema()), Tool("get_weather", WeatherSchema())),
        4 => new JsonArray(new JsonObject { ["type"] = "retrieval" }),
        5 => new JsonObject { ["get_weather"] = WeatherSchema() },
        _ => new JsonArray(Tool("a b\"c{}<tool_call>", WeatherSchema())),
    };

    private JsonNode AssistantCall(bool openAi, JsonNode? arguments) => new JsonObject
    {
        ["role"] = "assistant",
        ["content"] = openAi ? null : "",
        ["tool_calls"] = new JsonArray(Call(openAi, "get_weather", arguments, "call_1")),
    };

    private static JsonObject Call(bool openAi, string name, JsonNode? arguments, string id)
    {
        var call = new JsonObject { ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments?.DeepClone() } };
        if (openAi)
        {
            call["id"] = id;
            call["type"] = "function";
        }
        return call;
    }

    private JsonNode? BrokenArguments() => _random.Next(6) switch
    {
        0 => "{{{",
        1 => new JsonObject { ["city"] = "Oslo" },
        2 => new JsonArray(1, 2),
        3 => null,
        4 => "\"just a string\"",
        _ => new string('[', 5_000),
    };

    private JsonNode? WrongContent() => _random.Next(4) switch
    {
        0 => null,
        1 => new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "12 C" }),
        2 => 12,
        _ => "12 C",
    };
}
