using EdgeRouter.Inference;

namespace EdgeRouter.Host.Api;

/// <summary>X-EdgeRouter-Tier on every response that ran a model, so a client can tell which tier answered.</summary>
internal static class TierHeader
{
    public const string Name = "X-EdgeRouter-Tier";

    public static void Set(HttpResponse response, InferenceRun run) => response.Headers[Name] = run.Tier;
}
