namespace EdgeRouter.Host.Json;

/// <summary>What went wrong while binding JSON to a source-generated type.</summary>
public enum JsonErrorKind
{
    /// <summary>Not JSON at all: a syntax error, a truncated document.</summary>
    Syntax,
    /// <summary>Valid JSON, but a property the target type does not have (only where unknown keys are rejected).</summary>
    UnknownProperty,
    /// <summary>Valid JSON, but a value of the wrong type (a string where a number belongs, ...).</summary>
    WrongType,
    /// <summary>Rejected by a converter with its own explanation.</summary>
    InvalidValue,
}
