using EdgeRouter.Gguf;

namespace EdgeRouter.Host.Check;

/// <summary>
/// The configured models' GGUF headers, each read once per start by the start checks and handed on to `check`'s report,
/// the memory guard and the load: a header with a large vocabulary is megabytes, and every further read could meet a
/// different file than the one the checks vouched for.
/// </summary>
/// <param name="Model">
/// The chat model's header when it passed validation; null when none is configured, it is not loaded from its file (an
/// injected generator) or it failed (its error is among the findings).
/// </param>
/// <param name="Embedding">
/// The separate embedding model's header when it could be read; null when none is configured or it is unreadable. It may
/// have failed validation: `check` reports its memory next to its error, as it always has, and a server start with an
/// error never gets past the checks.
/// </param>
public sealed record ModelHeaders(GgufFile? Model, GgufFile? Embedding);
