using EdgeRouter.Host.Config;
using EdgeRouter.Host.Security;

namespace EdgeRouter.Host.Cli;

/// <summary>`key new`: a fresh API key, shown once, and the config entry that stores only its hash.</summary>
internal static class KeyCommands
{
    public const string TokenPrefix = "er_";

    public static int New(CliCommand.NewKey command, TextWriter stdout)
    {
        if (!AuthSectionLoader.IsValidName(command.Name))
        {
            throw new UsageException($"--name: '{{command.Name}}' must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        var token = KeyHash.NewToken(TokenPrefix);
        stdout.WriteLine($$"""
            API key for "{{command.Name}}" (shown only now; give it to the app as 'Authorization: Bearer <key>'):

              {{token}}

            Add this entry to "auth": { "apiKeys": [ ... ] } in the config file and restart the router:

              { "name": "{{command.Name}}", "sha256": "{{KeyHash.Of(token)}}", "requestsPerMinute": {{ApiKeyConfig.DefaultRequestsPerMinute}}, "priority": "interactive" }
            """);
        return ExitCodes.Ok;
    }
}
