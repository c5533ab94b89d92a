using System.Text;

namespace EdgeRouter.Host.Observability.Metrics;

internal static class MetricNames
{
    /// <summary>An enum member's name as a label value: <c>HalfOpen</c> → <c>half_open</c>.</summary>
    public static string SnakeCase(string pascalCase)
    {
        var text = new StringBuilder(pascalCase.Length + 4);
        for (var i = 0; i < pascalCase.Length; i++)
        {
            var c = pascalCase[i];
            if (char.IsUpper(c) && i > 0)
            {
                text.Append('_');
            }
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
