using EdgeRouter.Prompts.Jinja;

namespace EdgeRouter.Prompts.Tests.Jinja;

/// <summary>Renders a template with variables given as a JSON object.</summary>
internal static class JinjaRender
{
    public static string Render(string template, string variablesJson = "{}", RenderBudget? budget = null)
    {
        var variables = (JinjaDict)JinjaJson.TryParse(variablesJson)!;
        return JinjaTemplate.Parse(template).Render(variables.Items.ToDictionary(kv => kv.Key, kv => kv.Value), budget);
    }
}
