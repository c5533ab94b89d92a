using EdgeRouter.Host.Config;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Host.Api.Cors;

public sealed class CorsConfigTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgerouter-cors-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void FileAndEnvironment_AddUp_Normalized()
    {
        var path = Path.Join(_directory, "config.json");
        File.WriteAllText(path, """{"cors": {"origins": ["https://Chat.Example.com/"]}}""");
        var environment = new Dictionary<string, string> { ["EDGEROUTER_ORIGINS"] = " https://a.example , http://*.lan:* " };

        var config = ConfigLoader.Load(new ConfigSources
        {
            CommandLine = ConfigFlags.None with { ConfigPath = path },
            Environment = name => environment.GetValueOrDefault(name),
            SearchPaths = [],
            WorkingDirectory = _directory,
        });

        Assert.Equal(["https://chat.example.com", "https://a.example", "http://*.lan:*"], config.Cors.Origins);
    }

    [Theory]
    [InlineData("""{"cors": {"origin": ["https://a.example"]}}""", "cors.origin")]
    [InlineData("""{"cors": {"origins": ["https://a.example/app"]}}""", "cors.origins[0]")]
    [InlineData("""{"cors": {"origins": ["https://a.example", "a.example"]}}""", "cors.origins[1]")]
    [InlineData("""{"cors": {"origins": [""]}}""", "cors.origins[0]")]
    [InlineData("""{"cors": {"origins": "https://a.example"}}""", "cors.origins")]
    public void BadOrigins_AreRejectedWithTheirJsonPath(string json, string jsonPath)
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigFile.Load(_directory, json));

        Assert.Contains($"'{jsonPath}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadEnvironmentOrigin_NamesTheVariable()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new ConfigSources
        {
            Environment = name => name == "EDGEROUTER_ORIGINS" ? "https://ok.example,not-an-origin" : null,
            SearchPaths = [],
            WorkingDirectory = _directory,
        }));

        Assert.StartsWith("EDGEROUTER_ORIGINS", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not-an-origin", ex.Message, StringComparison.Ordinal);
    }
}
