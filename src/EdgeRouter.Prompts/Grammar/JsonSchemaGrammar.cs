using System.Text.Json;

namespace EdgeRouter.Prompts.Grammar;

/// <summary>
/// JSON Schema → GBNF for llama.cpp's grammar sampler: the subset structured-output clients send (OpenAI
/// response_format json_schema, Ollama format, typed clients' Zod/Pydantic schemas). The grammar's start rule is
/// <see cref="Root"/>; it ends right after the JSON value, so once the value is closed only end-of-generation is allowed.
/// </summary>
public static class JsonSchemaGrammar
{
    public const string Root = "root";

    /// <summary>The grammar for values valid against <paramref name="schema"/>.</summary>
    /// <exception cref="SchemaNotSupportedException">A keyword the grammar cannot express, or a malformed schema.</exception>
    public static string FromSchema(JsonElement schema)
    {
        var rules = new GbnfRuleSet();
        new JsonSchemaConverter(schema, rules).ConvertInto(Root);
        return rules.Render();
    }

    /// <summary>Any JSON object: OpenAI's json_object and Ollama's format "json".</summary>
    public static string AnyObject()
    {
        var rules = new GbnfRuleSet();
        rules.Set(Root, GbnfPrimitives.Object(rules));
        return rules.Render();
    }
}
