using System.Text;
using System.Text.Json.Nodes;

namespace EdgeRouter.Tests.Host.Security.Fuzz;

/// <summary>One generated request: where it goes, its bytes and content type, and what made it (for the failure message).</summary>
public sealed record HostileRequest(string Method, string Path, byte[] Body, string? ContentType, string Recipe)
{
    public bool IsOpenAi => Path.StartsWith("/v1", StringComparison.Ordinal);
}

/// <summary>
/// A seeded generator of hostile requests: a valid body for the endpoint, then structural mutations (wrong types,
/// unknown fields, huge numbers, giant strings, deep nesting, empty messages, absurd max_tokens) and byte-level ones
/// (truncation, invalid UTF-8, flipped bytes, wrong content type). The same seed always gives the same requests.
/// </summary>
public sealed class HostileBody(int seed)
{
    private static readonly string[] PostPaths = ["/v1/chat/completions", "/v1/completions", "/api/chat", "/api/generate", "/api/show"];
    private static readonly string[] GetPaths = ["/v1/models", "/api/tags", "/api/ps", "/v1/models/{0}", "/api/version"];

    private static readonly string[] Numbers =
    [
        "1e400", "-1e400", "-0", "9223372036854775808", "-9223372036854775809", "18446744073709551616", "2147483648", "-2147483649",
        "1e-400", "0.0000000000000000000000001", "123456789012345678901234567890123456789", "NaN", "Infinity", "01", "1.", ".5", "-", "+1",
    ];

    private static readonly string[] Fields =
        ["model", "messages", "prompt", "max_tokens", "temperature", "top_p", "stop", "stream", "seed", "n", "options", "format", "system", "keep_alive", "stream_options", "response_format", "tools"];

    private const string HugeMarker = "__huge_number__";

    private readonly Random _random = new(seed);
    private string _hugeNumber = "0";

    public HostileRequest Next()
    {
        if (_random.Next(12) == 0)
        {
            var template = GetPaths[_random.Next(GetPaths.Length)];
            // Escaped and free of NUL: a request line Kestrel itself rejects (400, no body) never reaches the API.
            var segment = Uri.EscapeDataString(RandomText(_random.Next(1, 300)).Replace("\0", "", StringComparison.Ordinal));
            var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, segment);
            return new HostileRequest("GET", path + (_random.Next(3) == 0 ? "?q=" + Uri.EscapeDataString(RandomText(50)) : ""), [], null, "get");
        }

        var target = PostPaths[_random.Next(PostPaths.Length)];
        var node = Valid(target);
        var recipe = new List<string>();
        for (var i = _random.Next(1, 4); i > 0; i--)
        {
            recipe.Add(MutateTree(node));
        }
        var bytes = Encoding.UTF8.GetBytes(node.ToJsonString().Replace($"\"{HugeMarker}\"", _hugeNumber, StringComparison.Ordinal));
        if (_random.Next(3) == 0)
        {
            (bytes, var how) = MutateBytes(bytes);
            recipe.Add(how);
        }
        var contentType = _random.Next(10) switch
        {
            0 => null,
            1 => "text/plain",
            2 => "application/x-www-form-urlencoded",
            3 => "application/json; charset=latin1",
            _ => "application/json",
        };
        return new HostileRequest("POST", target, bytes, contentType, string.Join(" + ", recipe));
    }

    private JsonObject Valid(string path)
    {
        var model = _random.Next(4) == 0 ? RandomText(12) : "local";
        return path switch
        {
            "/v1/chat/completions" => new JsonObject
            {
                ["model"] = model,
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }),
                ["max_tokens"] = 3,
                ["stream"] = _random.Next(2) == 0,
            },
            "/v1/completions" => new JsonObject { ["model"] = model, ["prompt"] = "hi", ["max_tokens"] = 3, ["stream"] = _random.Next(2) == 0 },
            "/api/chat" => new JsonObject
            {
                ["model"] = model,
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }),
                ["options"] = new JsonObject { ["num_predict"] = 3 },
                ["stream"] = _random.Next(2) == 0,
            },
            "/api/generate" => new JsonObject { ["model"] = model, ["prompt"] = "hi", ["options"] = new JsonObject { ["num_predict"] = 3 }, ["stream"] = _random.Next(2) == 0 },
            _ => new JsonObject { ["model"] = model },
        };
    }

    private string MutateTree(JsonObject root)
    {
        var field = Fields[_random.Next(Fields.Length)];
        switch (_random.Next(11))
        {
            case 0:
                root[field] = WrongType();
                return $"{field}=wrong type";
            case 1:
                root["x_" + RandomText(8)] = WrongType();
                return "unknown field";
            case 2:
                root.Remove(field);
                return $"-{field}";
            case 3:
                // JsonNode cannot hold 1e400 or -0 as written: a marker string is swapped for the raw text after serializing.
                _hugeNumber = Numbers[_random.Next(Numbers.Length)];
                root[field] = HugeMarker;
                return $"{field}={_hugeNumber}";
            case 4:
                root[field] = new string('a', _random.Next(2) == 0 ? 100_000 : 1_500_000);
                return $"{field}=giant string";
            case 5:
                root["messages"] = new JsonArray();
                return "empty messages";
            case 6:
                root["messages"] = new JsonArray(new JsonObject { ["role"] = RandomText(5), ["content"] = WrongType() }, JsonValue.Create(1));
                return "bad message";
            case 7:
                root["max_tokens"] = JsonValue.Create(new[] { -1L, 0L, int.MaxValue, long.MaxValue, 1L << 40 }[_random.Next(5)]);
                root["options"] = new JsonObject { ["num_predict"] = new[] { -2L, 0L, int.MaxValue, long.MaxValue }[_random.Next(4)], ["num_ctx"] = long.MaxValue };
                return "absurd max_tokens";
            case 8:
                root["temperature"] = JsonValue.Create(new[] { -1.0, 1e300, double.Epsilon, 2.5 }[_random.Next(4)]);
                root["top_p"] = JsonValue.Create(new[] { -1.0, 1e300, 7.0 }[_random.Next(3)]);
                return "out-of-range sampling";
            case 9:
                root["stop"] = new JsonArray(Enumerable.Range(0, _random.Next(1, 200)).Select(_ => (JsonNode?)RandomText(_random.Next(0, 40))).ToArray());
                return "many stops";
            default:
                root["model"] = _random.Next(2) == 0 ? "" : RandomText(_random.Next(1, 2000));
                return "odd model";
        }
    }

    private JsonNode? WrongType() => _random.Next(7) switch
    {
        0 => null,
        1 => JsonValue.Create(_random.Next(2) == 0),
        2 => JsonValue.Create(_random.NextDouble() * 1e10),
        3 => new JsonArray(JsonValue.Create(1), "x", null),
        4 => new JsonObject { ["nested"] = new JsonObject { ["deeper"] = RandomText(10) } },
        5 => RandomText(_random.Next(0, 64)),
        _ => JsonValue.Create(-1),
    };

    private (byte[] Bytes, string How) MutateBytes(byte[] bytes)
    {
        switch (_random.Next(9))
        {
            case 0:
                return (bytes[.._random.Next(bytes.Length)], "truncated");
            case 1:
            {
                var copy = bytes.ToArray();
                for (var i = _random.Next(1, 8); i > 0; i--)
                {
                    copy[_random.Next(copy.Length)] = (byte)_random.Next(256);
                }
                return (copy, "flipped bytes");
            }
            case 2:
                return (Insert(bytes, [0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80]), "invalid UTF-8");
            case 3:
                return (Insert(bytes, Encoding.UTF8.GetBytes("\"\\ud800\\udfff\\u0000\\uZZZZ\"")), "bad escapes");
            case 4:
            {
                var depth = _random.Next(2) == 0 ? 10_000 : 65;
                var nested = Encoding.ASCII.GetBytes(new string('[', depth) + new string(']', depth));
                return (Encoding.UTF8.GetBytes("{\"model\":\"local\",\"messages\":").Concat(nested).Concat("}"u8.ToArray()).ToArray(), $"nesting {depth}");
            }
            case 5:
                return ([], "empty body");
            case 6:
                return (Encoding.ASCII.GetBytes(new[] { "null", "[]", "\"text\"", "42", "{}", "{\"model\":\"local\",\"model\":1}", "\uFEFF{}" }[_random.Next(7)]), "not an object");
            case 7:
                return (Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("0", Numbers[_random.Next(Numbers.Length)], StringComparison.Ordinal)), "huge numbers");
            default:
                return (bytes.Concat(Encoding.UTF8.GetBytes(RandomText(20))).ToArray(), "trailing garbage");
        }
    }

    private byte[] Insert(byte[] bytes, byte[] extra)
    {
        var at = _random.Next(bytes.Length + 1);
        return [.. bytes.AsSpan(0, at), .. extra, .. bytes.AsSpan(at)];
    }

    private string RandomText(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = _random.Next(10) switch
            {
                0 => (char)_random.Next(0, 32),
                1 => (char)_random.Next(0x80, 0x800),
                2 => "\"\\{}[]:,"[_random.Next(8)],
                _ => (char)_random.Next('a', 'z' + 1),
            };
        }
        return new string(chars);
    }
}
