using EdgeRouter.Tests.Cloud.Support;

namespace EdgeRouter.Tests.Host.Hosting;

/// <summary>
/// For tests of the state file: a temporary folder (deleted afterwards) holding the config and a state directory,
/// and a fault-injecting upstream for the router to cool down on.
/// </summary>
public abstract class StateFolderTests(string folderPrefix) : IAsyncLifetime
{
    protected string Folder { get; } = Directory.CreateTempSubdirectory(folderPrefix).FullName;

    protected FaultyUpstream Faulty { get; private set; } = null!;

    protected string StateDirectory => Path.Join(Folder, "state");

    /// <summary>An upstream entry for the config: the faulty server's <paramref name="scenario"/>, no credential.</summary>
    protected string UpstreamJson(string scenario, string failureDomain) =>
        $$"""{ "baseUrl": "{{Faulty.BaseUrl(scenario)}}", "model": "m", "credential": "none", "failureDomain": "{{failureDomain}}" }""";

    public async Task InitializeAsync() => Faulty = await FaultyUpstream.StartAsync();

    public async Task DisposeAsync()
    {
        await Faulty.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
