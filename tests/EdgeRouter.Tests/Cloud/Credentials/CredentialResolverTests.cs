using EdgeRouter.Cloud.Credentials;

namespace EdgeRouter.Tests.Cloud.Credentials;

public sealed class CredentialResolverTests
{
    private readonly Dictionary<string, string> _env = new() { ["OPENAI_KEY"] = "sk-env", ["CREDENTIALS_DIRECTORY"] = "/run/credentials/edgerouter.service" };
    private readonly Dictionary<string, string> _files = new()
    {
        ["/etc/edgerouter/key"] = "sk-file\n",
        ["/run/credentials/edgerouter.service/openai"] = "sk-systemd\r\n",
        ["/etc/edgerouter/empty"] = "  \n",
    };

    private CredentialResolver NewResolver() => new(n => _env.GetValueOrDefault(n), p => _files.GetValueOrDefault(p));

    private static CredentialReference Ref(string text)
    {
        Assert.True(CredentialReference.TryParse(text, out var reference, out var problem), problem);
        return reference;
    }

    [Theory]
    [InlineData("env:OPENAI_KEY", "sk-env")]
    [InlineData("file:/etc/edgerouter/key", "sk-file")]
    [InlineData("systemd:openai", "sk-systemd")]
    public void Resolve_EachSource(string reference, string expected)
    {
        var result = NewResolver().Resolve(Ref(reference));
        Assert.True(result.IsResolved, result.Problem);
        Assert.Equal(expected, result.Secret!.Reveal());
    }

    [Fact]
    public void Resolve_None_HasNoSecret()
    {
        var result = NewResolver().Resolve(Ref("none"));
        Assert.True(result.IsResolved);
        Assert.Null(result.Secret);
    }

    [Theory]
    [InlineData("env:NOPE", "NOPE is not set")]
    [InlineData("file:/etc/edgerouter/missing", "does not exist")]
    [InlineData("file:/etc/edgerouter/empty", "is empty")]
    [InlineData("systemd:anthropic", "does not exist")]
    public void Resolve_Problems(string reference, string problem)
    {
        var result = NewResolver().Resolve(Ref(reference));
        Assert.False(result.IsResolved);
        Assert.Contains(problem, result.Problem);
    }

    [Theory]
    [InlineData("sk-abc")]
    [InlineData("file:relative/path")]
    [InlineData("systemd:../etc/passwd")]
    [InlineData("vault:x")]
    [InlineData("env:")]
    public void TryParse_RejectsBadReferences(string text)
    {
        Assert.False(CredentialReference.TryParse(text, out _, out var problem));
        Assert.NotEmpty(problem);
    }

    [Fact]
    public void Secret_NeverPrintsItself()
    {
        var secret = new Secret("sk-very-secret");
        Assert.Equal("[secret]", secret.ToString());
        Assert.DoesNotContain("sk-very", $"key={secret}");
        Assert.Equal("sk-very-secret", secret.Reveal());
    }
}
