using System.Text.Json.Serialization;

namespace EdgeRouter.Host.Check;

/// <summary>`check --json`: one finding.</summary>
internal sealed record CheckFindingJson(string Severity, string Subject, string Message);

/// <summary>`check --json`: the whole report.</summary>
internal sealed record CheckReportJson(int ExitCode, IReadOnlyList<CheckFindingJson> Findings);

/// <summary>Source-generated (Native AOT: no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(CheckReportJson))]
internal sealed partial class CheckJsonContext : JsonSerializerContext;
