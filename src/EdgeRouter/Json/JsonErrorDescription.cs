using System.Text.Json;

namespace EdgeRouter.Host.Json;

/// <summary>
/// Turns a <see cref="JsonException"/> from System.Text.Json into words for an operator or an API client: the kind,
/// the JSON path without the leading "$." and a short explanation without .NET type names.
/// </summary>
public sealed record JsonErrorDescription(JsonErrorKind Kind, string? Path, string Detail, long? Line)
{
    private const string ConvertPrefix = "The JSON value could not be converted to ";
    private const string UnmappedMarker = "could not be mapped to any .NET member";

    /// <summary>The path as a client names a parameter ("messages[0].content"), or null for the whole document.</summary>
    public string? Parameter => Path is null or "$" ? null : Path.StartsWith("$.", StringComparison.Ordinal) ? Path[2..] : Path;

    public static JsonErrorDescription From(JsonException exception)
    {
        var message = exception.Message;
        var path = exception.Path;
        var line = exception.LineNumber is { } l ? l + 1 : (long?)null;

        if (exception.InnerException is JsonException)
        {
            // The reader's own exception is inside: the document is not well-formed JSON.
            return new JsonErrorDescription(JsonErrorKind.Syntax, path, StripLocation(message), line);
        }
        if (message.Contains(UnmappedMarker, StringComparison.Ordinal))
        {
            return new JsonErrorDescription(JsonErrorKind.UnknownProperty, path, "unknown key", line);
        }
        if (message.StartsWith(ConvertPrefix, StringComparison.Ordinal))
        {
            var detail = exception.InnerException switch
            {
                // "Cannot get the value of a token type 'String' as a number." - the reader knows both sides.
                InvalidOperationException mismatch when TokenMismatch(mismatch.Message) is { } described => described,
                FormatException or OverflowException => "expected a whole number within range",
                _ => $"expected {DescribeTarget(message[ConvertPrefix.Length..])}",
            };
            return new JsonErrorDescription(JsonErrorKind.WrongType, path, detail, line);
        }
        return new JsonErrorDescription(JsonErrorKind.InvalidValue, path, StripLocation(message), line);
    }

    private static string? TokenMismatch(string message)
    {
        const string TokenMarker = "token type '";
        const string AsMarker = "' as a";
        var start = message.IndexOf(TokenMarker, StringComparison.Ordinal);
        var asAt = start < 0 ? -1 : message.IndexOf(AsMarker, start, StringComparison.Ordinal);
        if (asAt < 0)
        {
            return null;
        }
        var token = message[(start + TokenMarker.Length)..asAt];
        var rest = message[(asAt + AsMarker.Length)..];
        var expected = (rest.StartsWith("n ", StringComparison.Ordinal) ? rest[2..] : rest).Trim().TrimEnd('.');
        var article = expected.Length > 0 && "aeiou".Contains(expected[0], StringComparison.Ordinal) ? "an" : "a";
        return $"expected {article} {expected}, but got {DescribeToken(token)}";
    }

    private static string DescribeToken(string token) => token switch
    {
        "String" => "a string",
        "Number" => "a number",
        "True" or "False" => "a boolean",
        "StartObject" => "an object",
        "StartArray" => "an array",
        "Null" => "null",
        _ => token,
    };

    /// <summary>"expected an integer" from "System.Nullable`1[System.Int32]. Path: ...".</summary>
    private static string DescribeTarget(string target)
    {
        var end = target.IndexOf(". Path:", StringComparison.Ordinal);
        var type = end >= 0 ? target[..end] : target.TrimEnd('.');
        if (type.StartsWith("System.Nullable`1[", StringComparison.Ordinal))
        {
            type = type["System.Nullable`1[".Length..].TrimEnd(']');
        }
        return type switch
        {
            "System.Int32" or "System.Int64" or "System.UInt32" or "System.Int16" => "an integer",
            "System.Double" or "System.Single" or "System.Decimal" => "a number",
            "System.String" => "a string",
            "System.Boolean" => "a boolean (true or false)",
            _ when type.StartsWith("System.Collections.Generic.List", StringComparison.Ordinal) || type.EndsWith("[]", StringComparison.Ordinal) => "an array",
            _ when type.StartsWith("System.Collections.Generic.Dictionary", StringComparison.Ordinal) => "an object",
            _ when type.StartsWith("EdgeRouter.", StringComparison.Ordinal) => "an object",
            _ => "a different type",
        };
    }

    private static string StripLocation(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }
        return (cut >= 0 ? message[..cut] : message).Trim();
    }
}
