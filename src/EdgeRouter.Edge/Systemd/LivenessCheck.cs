namespace EdgeRouter.Edge.Systemd;

/// <summary>
/// One thing that must be alive for the watchdog to be fed, e.g. "the request loop answers /healthz" or "the
/// inference worker thread runs". The probe gets a token that is cancelled when it takes longer than half a ping interval.
/// </summary>
public sealed record LivenessCheck(string Name, Func<CancellationToken, ValueTask<bool>> Probe)
{
    /// <summary>A synchronous check such as <c>() =&gt; worker.IsAlive</c>.</summary>
    public static LivenessCheck Of(string name, Func<bool> isAlive)
    {
        ArgumentNullException.ThrowIfNull(isAlive);
        return new LivenessCheck(name, _ => ValueTask.FromResult(isAlive()));
    }

    /// <summary>
    /// Alive when an HTTP GET of <paramref name="url"/> (e.g. http://127.0.0.1:11434/healthz) answers 2xx: proves that
    /// Kestrel accepts and the request pipeline runs, which a thread check cannot.
    /// </summary>
    public static LivenessCheck HttpGet(string name, Uri url, HttpMessageInvoker client)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(client);
        return new LivenessCheck(name, async cancellationToken =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        });
    }
}
