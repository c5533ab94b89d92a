using System.Globalization;
using EdgeRouter.Host.Config;

namespace EdgeRouter.Host.Cli;

/// <summary>
/// edgerouter [serve] [flags] | model generate [flags] | model validate PATH | key new [--name N] | --help | --version.
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
            return new CliCommand.Serve(ConfigOverrides.None);
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
        var flags = ConfigOverrides.None;
        while (reader.HasMore)
        {
            var arg = reader.Next();
            switch (arg)
            {
                case "--help" or "-h":
                    return new CliCommand.Help();
                case "--version":
                    return new CliCommand.Version();
                case ConfigKeys.ConfigFlag:
                    flags = flags with { ConfigPath = reader.Value(arg) };
                    break;
                case "--listen":
                    flags = flags with { Listen = reader.Value(arg) };
                    break;
                case "--model":
                    flags = flags with { ModelPath = reader.Value(arg) };
                    break;
                case "--model-name":
                    flags = flags with { ModelName = reader.Value(arg) };
                    break;
                case "--ctx":
                    flags = flags with { ContextLength = ValueParsing.Integer(reader.Value(arg), arg) };
                    break;
                case "--threads":
                    flags = flags with { Threads = ValueParsing.Integer(reader.Value(arg), arg) };
                    break;
                case "--batch":
                    flags = flags with { BatchSize = ValueParsing.Integer(reader.Value(arg), arg) };
                    break;
                case "--llama-lib":
                    flags = flags with { LibraryPath = reader.Value(arg) };
                    break;
                case "--llama-lib-dir":
                    flags = flags with { LibraryDirectory = reader.Value(arg) };
                    break;
                case "--queue-length":
                    flags = flags with { QueueLength = ValueParsing.Integer(reader.Value(arg), arg) };
                    break;
                case "--max-wait":
                    flags = flags with { MaxWaitSeconds = ValueParsing.Seconds(reader.Value(arg), arg) };
                    break;
                default:
                    throw Unknown(arg, "serve");
            }
        }
        return new CliCommand.Serve(flags);
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
        string? output = null;
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
                default:
                    throw Unknown(arg, "model generate");
            }
        }
        return output is null
            ? throw new UsageException("model generate needs --out PATH")
            : new CliCommand.GenerateModel(shape, type, seed, output);
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
