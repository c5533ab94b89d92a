using EdgeRouter.Host.Cli;
using EdgeRouter.Host.Config;
using EdgeRouter.Tests.Support;
using Xunit;

namespace EdgeRouter.Tests.Host.Cli;

public sealed class CliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgerouter-cli-").FullName;
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Task<int> RunAsync(params string[] args) =>
        CliApp.RunAsync(args, _stdout, _stderr, TestRouter.Overrides(new ManualTimeProvider(), new LogCapture()));

    [Fact]
    public async Task Help_PrintsUsageAndExits0()
    {
        Assert.Equal(0, await RunAsync("--help"));

        var usage = _stdout.ToString();
        Assert.Contains("edgerouter [serve] [options]", usage);
        Assert.Contains("--listen HOST:PORT", usage);
        Assert.Contains("model generate", usage);
        Assert.Empty(_stderr.ToString());
    }

    [Fact]
    public async Task Version_PrintsVersion()
    {
        Assert.Equal(0, await RunAsync("--version"));

        Assert.Matches(@"^edgerouter \d+\.\d+\.\d+", _stdout.ToString());
    }

    [Fact]
    public void ModelGenerate_WithoutOut_WritesToModelsFolder()
    {
        var command = Assert.IsType<CliCommand.GenerateModel>(CommandLineParser.Parse(["model", "generate", "--seed", "3"]));

        Assert.Equal(Path.Join("models", "tiny-q8_0-seed3.gguf"), command.OutputPath);
    }

    [Theory]
    [InlineData("--frobnicate")]
    [InlineData("serve", "--threads")]
    [InlineData("serve", "--threads", "many")]
    [InlineData("launch")]
    [InlineData("model")]
    [InlineData("model", "generate", "--type", "q2")]
    [InlineData("model", "generate", "--out", "x.gguf", "--shape", "gpt-5")]
    [InlineData("model", "validate")]
    public async Task BadCommandLine_Exits2WithOneLineError(params string[] args)
    {
        Assert.Equal(2, await RunAsync(args));

        var error = _stderr.ToString();
        Assert.StartsWith("edgerouter: ", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Parser_ReadsServeFlagsInBothForms()
    {
        var command = Assert.IsType<CliCommand.Serve>(CommandLineParser.Parse(
            ["--listen=127.0.0.1:9000", "--model", "m.gguf", "--ctx", "4096", "--threads=2", "--batch", "64", "--queue-length", "0", "--max-wait", "2.5s", "--model-name", "m"]));

        var config = ConfigLoader.Load(ConfigSources.Isolated(command.Flags) with { WorkingDirectory = _directory });
        Assert.Equal(new ListenEndpoint("127.0.0.1", 9000), config.Listen);
        Assert.Equal(Path.Join(_directory, "m.gguf"), config.Model.Path);
        Assert.Equal(4096, config.Model.ContextLength);
        Assert.Equal(2, config.Model.Threads);
        Assert.Equal(64, config.Model.BatchSize);
        Assert.Equal(0, config.Gate.QueueLength);
        Assert.Equal(TimeSpan.FromSeconds(2.5), config.Gate.MaxWait);
        Assert.Equal("m", config.Model.Name);
    }

    [Theory]
    [InlineData("--model.threads", "3")]
    [InlineData("--model:threads", "3")]
    [InlineData("--model.threads=3", null)]
    public void Parser_TakesAnySettingByItsKey(string flag, string? value)
    {
        string[] args = value is null ? [flag] : [flag, value];
        var command = Assert.IsType<CliCommand.Serve>(CommandLineParser.Parse(args));

        Assert.Equal(3, ConfigLoader.Load(ConfigSources.Isolated(command.Flags)).Model.Threads);
    }

    [Fact]
    public void Parser_UnknownKeyFlag_IsAUsageError()
    {
        var error = Assert.Throws<UsageException>(() => CommandLineParser.Parse(["--model.thread", "3"]));

        Assert.Equal("unknown option '--model.thread' for 'serve'", error.Message);
    }

    [Fact]
    public void Parser_KeyFlagValue_IsCheckedLikeItsShortFlag()
    {
        var error = Assert.Throws<ConfigException>(() => CommandLineParser.Parse(["--model.threads", "many"]));

        Assert.Equal("--model.threads: 'many' is not an integer", error.Message);
    }

    [Fact]
    public async Task Serve_ConfigWithUnknownKey_Exits2NamingThePath()
    {
        var file = Path.Join(_directory, "config.json");
        await File.WriteAllTextAsync(file, """{"model":{"contextSize":4096}}""");

        Assert.Equal(2, await RunAsync("--config", file));

        Assert.Contains("unknown key 'model.contextSize'", _stderr.ToString());
    }

    [Fact]
    public async Task Serve_MissingModelFile_Exits2()
    {
        Assert.Equal(2, await RunAsync("--model", Path.Join(_directory, "missing.gguf"), "--listen", "127.0.0.1:0"));

        Assert.Contains("does not exist", _stderr.ToString());
    }

    [Fact]
    public async Task ModelGenerateThenValidate_TinyModel()
    {
        var path = Path.Join(_directory, "tiny.gguf");

        Assert.Equal(0, await RunAsync("model", "generate", "--shape", "tiny", "--type", "f16", "--seed", "7", "--out", path));
        Assert.True(File.Exists(path));
        Assert.Contains("Wrote", _stdout.ToString());
        Assert.DoesNotContain("\r", _stdout.ToString());

        Assert.Equal(0, await RunAsync("model", "validate", path));
        var summary = _stdout.ToString();
        Assert.Contains("valid GGUF", summary);
        Assert.Contains("architecture:   llama", summary);
        Assert.Contains("F16", summary);
    }

    [Fact]
    public async Task ModelGenerate_ChatTemplateFile_IsEmbedded()
    {
        var template = Path.Join(_directory, "tools.jinja");
        const string text = "{%- if tools %}tools{%- endif %}{%- for m in messages %}{{ m.content }}{%- endfor %}";
        File.WriteAllText(template, text);
        var path = Path.Join(_directory, "tools.gguf");

        Assert.Equal(0, await RunAsync("model", "generate", "--chat-template", template, "--out", path));

        Assert.Equal(text, EdgeRouter.Gguf.GgufFile.Read(path).ChatTemplate);
    }

    [Fact]
    public async Task ModelGenerate_MissingChatTemplate_Exits2NamingTheFile()
    {
        Assert.Equal(2, await RunAsync("model", "generate", "--chat-template", Path.Join(_directory, "none.jinja"), "--out", Path.Join(_directory, "x.gguf")));

        Assert.Contains("none.jinja", _stderr.ToString());
        Assert.False(File.Exists(Path.Join(_directory, "x.gguf")));
    }

    [Fact]
    public async Task ModelValidate_NotGguf_Exits1WithTheProblem()
    {
        var path = Path.Join(_directory, "garbage.gguf");
        await File.WriteAllBytesAsync(path, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

        Assert.Equal(1, await RunAsync("model", "validate", path));

        var error = _stderr.ToString();
        Assert.StartsWith($"edgerouter: {path} is not a valid GGUF model", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task ModelValidate_MissingFile_Exits1()
    {
        Assert.Equal(1, await RunAsync("model", "validate", Path.Join(_directory, "none.gguf")));

        Assert.StartsWith("edgerouter: cannot read", _stderr.ToString());
    }

    [Fact]
    public void ConfigOverridesFromParser_FlowIntoLoader()
    {
        var command = Assert.IsType<CliCommand.Serve>(CommandLineParser.Parse(["serve", "--ctx", "8"]));

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(ConfigSources.Isolated(command.Flags)));

        Assert.StartsWith("--ctx is 8", error.Message);
    }
}
