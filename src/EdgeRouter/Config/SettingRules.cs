using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace EdgeRouter.Host.Config;

// The validation attributes of the settings records (a blank text setting is refused for all of them, by ConfigSchema). Each result names the member by its full path (RouterSettings.
// Model.Threads) rather than its bare name, so ConfigLoader can point at the file key, variable or flag that set it.

/// <summary>A number from <see cref="Min"/> to <see cref="Max"/> (inclusive); null means "not set" and passes.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class WithinAttribute(double min, double max) : ValidationAttribute
{
    public double Min { get; } = min;
    public double Max { get; } = max;

    /// <summary>Printed after each number ("°C", "s"). <value>The default is none.</value></summary>
    public string Unit { get; init; } = "";

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        var number = value switch
        {
            null => (double?)null,
            int i => i,
            double d => d,
            _ => throw new InvalidOperationException($"[Within] on {validationContext.DisplayName}, a {value.GetType().Name}"),
        };
        if (number is not { } v || (double.IsFinite(v) && v >= Min && v <= Max))
        {
            return ValidationResult.Success;
        }
        var unit = Unit.Length == 0 ? "" : " " + Unit;
        return new ValidationResult(string.Create(CultureInfo.InvariantCulture, $"is {v}{unit}; it must be from {Min} to {Max}{unit}"),
            [validationContext.DisplayName]);
    }
}

/// <summary>HOST:PORT as <see cref="ListenEndpoint.TryParse"/> reads it.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListenAddressAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        return value is string text && !ListenEndpoint.TryParse(text, out _, out var problem)
            ? new ValidationResult($"is '{text}', not a valid listen address ({problem}); expected HOST:PORT, e.g. 127.0.0.1:11434",
                [validationContext.DisplayName])
            : ValidationResult.Success;
    }
}
