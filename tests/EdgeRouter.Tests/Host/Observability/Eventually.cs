namespace EdgeRouter.Tests.Host.Observability;

/// <summary>Waits for a condition set by a background task (the alert sender); the deadline only guards against a hang.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"still waiting for: {what}");
            }
            await Task.Delay(20);
        }
    }
}
