using System.Globalization;
using EdgeRouter.Host.Config;

namespace EdgeRouter.Host.Cli;

/// <summary>
/// edgerouter [serve] [flags] | check [--probe] [--json] [flags] | status [--url URL] [--json] | model generate [flags] | model validate PATH | key new [--name N] | --help | --version.
/// </summary>
public static class CommandLineParser
{
    /// <exception cref="UsageException">Unknown command or flag, missing or malformed value.</exception>
    /// <exception cref="ConfigException">A flag's value is not a number where one is needed.</exception>
    public static CliCommand Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0)
        {
            return new CliCommand.Serve(ConfigFlags.None);
        }

        var reader = new ArgReader(args);
        switch (reader.Peek())
        {
            case "--help" or "-h" or "help":
                return new CliCommand.Help();
            case "--version" or "version":
                return new CliCommand.Version();
            case "serve":
                reader.Next();
                return ParseServe(reader);
            case "model":
                reader.Next();
                return ParseModel(reader);
            case "status":
                reader.Next();
                return ParseStatus(reader);
            case "check":
                reader.Next();
                return ParseCheck(reader);
            case "key":
                reader.Next();
                return ParseKey(reader);
            case var first when first.StartsWith('-'):
                return ParseServe(reader);
            case var unknown:
                throw new UsageException($"unknown command '{unknown}'");
        }
    }

    private static CliCommand ParseServe(ArgReader reader)
    {
        var flags = ConfigFlags.None;
        while (reader.HasMore)
        {
            var arg = reader.Next();
            switch (arg)
            {
                case "--help" or "-h":
                    return new CliCommand.Help();
                case "--version":
                    return new CliCommand.Version();
                default:
                    flags = ServeFlag(reader, arg, flags) ?? throw Unknown(arg, "serve");
                    break;
            }
        }
        return new CliCommand.Serve(flags);
    }

    private static CliCommand ParseStatus(ArgReader reader)
    {
        string? url = null;
        var json = false;
        var flags = ConfigFlags.None;
        while (reader.HasMore)
        {
            var arg = reader.Next();
            switch (arg)
            {
                case "--help" or "-h":
                    return new CliCommand.Help();
                case "--url":
                    url = reader.Value(arg);
                    break;
                case "--json":
                    json = true;
                    break;
                case ConfigAliases.ConfigFlag:
                    flags = flags with { ConfigPath = reader.Value(arg) };
                    break;
                default:
                    throw Unknown(arg, "status");
            }
        }
        return new CliCommand.Status(url, json, flags);
    }

    /// <summary>`check` takes serve's flags, so it checks exactly what that serve command line would run.</summary>
    private static CliCommand ParseCheck(ArgReader reader)
    {
        var flags = ConfigFlags.None;
        bool probe = false, json = false;
        while (reader.HasMore)
        {
            var arg = reader.Next();
            switch (arg)
            {
                case "--help" or "-h":
                    return new CliCommand.Help();
                case "--probe":
                    probe = true;
                    break;
                case "--json":
                    json = true;
                    break;
                default:
                    flags = ServeFlag(reader, arg, flags) ?? throw Unknown(arg, "check");
                    break;
            }
        }
        return new CliCommand.RunChecks(flags, probe, json);
    }

    /// <returns>The flags with <paramref name="arg"/> applied, or null when it is not a serve flag.</returns>
    private static ConfigFlags? ServeFlag(ArgReader reader, string arg, ConfigFlags flags)
    {
        if (arg == ConfigAliases.ConfigFlag)
        {
            return flags with { ConfigPath = reader.Value(arg) };
        }
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        var name = equals > 0 ? arg[..equals] : arg;
        return ConfigFlags.NamesSetting(name) ? flags.With(name, equals > 0 ? arg[(equals + 1)..] : reader.Value(arg)) : null;
    }

    private static CliCommand ParseModel(ArgReader reader)
    {
        if (!reader.HasMore)
        {
            throw new UsageException("'model' needs a subcommand: generate or validate");
        }
        var sub = reader.Next();
        return sub switch
        {
            "generate" => ParseGenerate(reader),
            "validate" => ParseValidate(reader),
            "--help" or "-h" => new CliCommand.Help(),
            _ => throw new UsageException($"unknown command 'model {sub}'; expected 'model generate' or 'model validate'"),
        };
    }

    private static CliCommand ParseGenerate(ArgReader reader)
    {
        string shape = "tiny", type = "q8_0";
        ulong seed = 42;
        string? output = null, chatTemplate = null;
        while (reader.HasMore)
        {
            var arg = reader.Next();
            switch (arg)
            {
                case "--help" or "-h":
                    return new CliCommand.Help();
                case "--shape":
                    shape = reader.Value(arg);
                    break;
                case "--type":
                    type = reader.Value(arg);
                    break;
                case "--seed":
                    var text = reader.Value(arg);
                    seed = ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
                        ? s
                        : throw new UsageException($"--seed: '{text}' is not a non-negative integer");
                    break;
                case "--out" or "-o":
                    output = reader.Value(arg);
                    break;
                case "--chat-template":
                    chatTemplate = reader.Value(arg);
                    break;
                default:
                    throw Unknown(arg, "model generate");
            }
        }
        // Without --out the file goes to models/ (the repository's and the install's place for models).
        output ??= Path.Join("models", string.Create(CultureInfo.InvariantCulture, $"{shape}-{type}-seed{seed}.gguf"));
        return new CliCommand.GenerateModel(shape, type, seed, output, chatTemplate);
    }

    private static CliCommand ParseValidate(ArgReader reader)
    {
        string? path = null;
        while (reader.HasMore)
        {
            var arg = reader.Next();
            if (arg is "--help" or "-h")
            {
                return new CliCommand.Help();
            }
            if (arg.StartsWith("--", StringComparison.Ordinal) || path is not null)
            {
                throw Unknown(arg, "model validate");
            }
            path = arg;
        }
        return path is null ? throw new UsageException("model validate needs a PATH") : new CliCommand.ValidateModel(path);
    }

    private static CliCommand ParseKey(ArgReader reader)
    {
        var sub = reader.HasMore ? reader.Next() : null;
        if (sub is "--help" or "-h")
        {
            return new CliCommand.Help();
        }
        if (sub != "new")
        {
            throw new UsageException(sub is null ? "'key' needs a subcommand: new" : $"unknown command 'key {sub}'; expected 'key new'");
        }
        var name = "app";
        while (reader.HasMore)
        {
            var arg = reader.Next();
            switch (arg)
            {
                case "--help" or "-h":
                    return new CliCommand.Help();
                case "--name":
                    name = reader.Value(arg);
                    break;
                default:
                    throw Unknown(arg, "key new");
            }
        }
        return new CliCommand.NewKey(name);
    }

    private static UsageException Unknown(string arg, string command) => arg.StartsWith('-')
        ? new UsageException($"unknown option '{arg}' for '{command}'")
        : new UsageException($"unexpected argument '{arg}' for '{command}'");
}
