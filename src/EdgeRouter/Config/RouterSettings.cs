using Microsoft.Extensions.Options;

namespace EdgeRouter.Host.Config;

/// <summary>
/// The settings the JSON file, EDGEROUTER_* variables and flags layer into (the top-level keys of the config file).
/// The file's "cloud", "alerts", "admin" and "auth" sections are not here: they are richer than flags and variables
/// can say, so their own loaders read them from the file (see <see cref="ConfigLoader"/>).
/// </summary>
/// <param name="Listen">Where Kestrel listens. <value>The default value is 127.0.0.1:11434 (Ollama's port).</value></param>
/// <param name="StateDirectory">Where the router keeps its state file. <value>Null means $XDG_STATE_HOME/edgerouter, else
/// ~/.local/state/edgerouter; under systemd $STATE_DIRECTORY always wins (see <see cref="DataDirectories.StateDirectory"/>).</value></param>
public sealed record RouterSettings(
    [property: ListenAddress] string Listen = ListenEndpoint.DefaultText,
    string? StateDirectory = null,
    ModelConfig? Model = null,
    EmbeddingConfig? Embedding = null,
    GateConfig? Gate = null,
    ThermalConfig? Thermal = null,
    TelemetryConfig? Telemetry = null,
    MemoryGuardConfig? MemoryGuard = null,
    CorsSettings? Cors = null)
{
    [ValidateObjectMembers] public ModelConfig Model { get; } = Model ?? new();
    [ValidateObjectMembers] public EmbeddingConfig Embedding { get; } = Embedding ?? new();
    [ValidateObjectMembers] public GateConfig Gate { get; } = Gate ?? new();
    [ValidateObjectMembers] public ThermalConfig Thermal { get; } = Thermal ?? new();
    [ValidateObjectMembers] public TelemetryConfig Telemetry { get; } = Telemetry ?? new();
    [ValidateObjectMembers] public MemoryGuardConfig MemoryGuard { get; } = MemoryGuard ?? new();
    public CorsSettings Cors { get; } = Cors ?? new();
}

/// <summary>Browser origins allowed besides the local ones ("cors"); checked one by one in <see cref="CorsSectionLoader"/>.</summary>
/// <param name="Origins">The file's list, then EDGEROUTER_ORIGINS (comma-separated) added after it.</param>
public sealed record CorsSettings(string[]? Origins = null);

/// <summary>Every range and "not empty" rule on the settings records, generated at build time (no reflection).</summary>
[OptionsValidator]
internal sealed partial class RouterSettingsValidator : IValidateOptions<RouterSettings>;
