using System.Globalization;

namespace EdgeRouter.Bench;

/// <summary>"--name value" pairs; a name may repeat (headers).</summary>
internal sealed class Arguments
{
    private readonly List<KeyValuePair<string, string>> _pairs = [];

    public Arguments(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected --name value, got '{args[i]}'");
            }

            _pairs.Add(new(args[i][2..], args[++i]));
        }
    }

    public string? Text(string name) => _pairs.LastOrDefault(p => p.Key == name).Value;

    public string Required(string name) => Text(name) ?? throw new ArgumentException($"--{name} is required");

    public double Number(string name, double fallback) =>
        Text(name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public IEnumerable<string> All(string name) => _pairs.Where(p => p.Key == name).Select(p => p.Value);
}
