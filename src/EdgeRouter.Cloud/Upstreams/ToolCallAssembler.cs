using System.Text;
using System.Text.Json;
using EdgeRouter.Core.Inference;

namespace EdgeRouter.Cloud.Upstreams;

/// <summary>
/// Puts an upstream's tool calls back together: a stream sends each call as fragments keyed by <c>index</c> (the id
/// and name once, the arguments in pieces), a whole answer sends complete calls. The result feeds the surfaces that
/// re-encode an answer (Ollama's, and OpenAI's non-streaming one) instead of copying the upstream's frames.
/// </summary>
internal sealed class ToolCallAssembler
{
    private readonly SortedDictionary<int, Pending> _calls = [];

    public void Add(JsonElement toolCalls)
    {
        var position = -1;
        foreach (var fragment in toolCalls.EnumerateArray())
        {
            position++;
            if (fragment.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            // A whole answer's calls carry no index: their place in the array is one.
            var index = fragment.TryGetProperty("index", out var i) && i.TryGetInt32(out var n) ? n : position;
            if (!_calls.TryGetValue(index, out var call))
            {
                _calls[index] = call = new Pending();
            }
            if (String(fragment, "id") is { Length: > 0 } id)
            {
                call.Id = id;
            }
            if (!fragment.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            // OpenAI names a call in its first fragment only; servers that repeat it must not double it.
            if (call.Name.Length == 0 && String(function, "name") is { Length: > 0 } name)
            {
                call.Name = name;
            }
            if (function.TryGetProperty("arguments", out var arguments))
            {
                // A few servers send the arguments as an object instead of OpenAI's JSON string.
                call.Arguments.Append(arguments.ValueKind == JsonValueKind.String ? arguments.GetString() : arguments.GetRawText());
            }
        }
    }

    /// <summary>The calls in index order, or null when the answer called nothing.</summary>
    public IReadOnlyList<ToolCall>? Build()
    {
        if (_calls.Count == 0)
        {
            return null;
        }
        var calls = new List<ToolCall>(_calls.Count);
        foreach (var (index, call) in _calls)
        {
            var arguments = call.Arguments.Length == 0 ? "{}" : call.Arguments.ToString();
            calls.Add(new ToolCall(call.Id ?? $"call_{index}", call.Name, arguments));
        }
        return calls;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed class Pending
    {
        public string? Id { get; set; }
        public string Name { get; set; } = "";
        public StringBuilder Arguments { get; } = new();
    }
}
