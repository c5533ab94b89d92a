using System.Diagnostics;
using System.Globalization;
using EdgeRouter.Gguf;

namespace EdgeRouter.Host.Cli;

/// <summary>`model generate` and `model validate`: offline model tools in the same binary.</summary>
internal static class ModelCommands
{
    public static int Generate(CliCommand.GenerateModel command, TextWriter stdout, bool isTerminal, CancellationToken cancellationToken)
    {
        if (!ModelShape.TryParse(command.Shape, out var shape))
        {
            throw new UsageException($"--shape: unknown shape '{command.Shape}'; expected one of {string.Join(", ", ModelShape.Names)}");
        }
        if (!GgufTensorTypes.TryParse(command.Type, out var type))
        {
            throw new UsageException($"--type: unknown type '{command.Type}'; expected one of {string.Join(", ", GgufTensorTypes.Names)}");
        }

        var spec = new ModelSpec { Shape = shape, TensorType = type, Seed = command.Seed, ChatTemplate = ReadChatTemplate(command.ChatTemplatePath) };
        var path = Path.GetFullPath(command.OutputPath);
        var size = ModelGenerator.ComputeFileSize(spec);
        // The tiny model takes milliseconds; a bar only helps for the real-sized shapes, and only on a terminal.
        var bar = isTerminal && shape != ModelShape.Tiny ? new ProgressBar(stdout, $"Writing {Mebibytes(size)}") : null;
        var started = Stopwatch.GetTimestamp();
        try
        {
            ModelGenerator.Generate(spec, path, bar, cancellationToken);
        }
        finally
        {
            bar?.Finish();
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Wrote {path}: {shape.Name} {type.GetName()} seed {command.Seed}, {Mebibytes(size)} in {seconds:0.0} s (random weights: output is noise)"));
        return ExitCodes.Ok;
    }

    private static string? ReadChatTemplate(string? path)
    {
        if (path is null)
        {
            return null;
        }
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--chat-template: cannot read {path}: {ex.Message}");
        }
    }

    public static int Validate(CliCommand.ValidateModel command, TextWriter stdout, TextWriter stderr)
    {
        var path = Path.GetFullPath(command.Path);
        GgufFile file;
        try
        {
            file = GgufFile.Read(path);
        }
        catch (GgufFormatException ex)
        {
            stderr.WriteLine($"edgerouter: {path} is not a valid GGUF model: {ex.Problem}{(ex.ByteOffset is { } at ? $" (at byte {at})" : string.Empty)}");
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"edgerouter: cannot read {path}: {ex.Message}");
            return ExitCodes.Failure;
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            {path}: valid GGUF v{file.Version}
              name:           {file.Name ?? "(none)"}
              architecture:   {file.Architecture ?? "(none)"}
              parameters:     {file.ParameterCount:N0}
              quantization:   {file.FileTypeName}
              tensors:        {file.TensorCount}
              context length: {(file.ContextLength is { } ctx ? ctx.ToString(CultureInfo.InvariantCulture) : "(not set)")}
              vocabulary:     {(file.VocabSize is { } vocab ? vocab.ToString(CultureInfo.InvariantCulture) : "(not set)")}
              chat template:  {(file.ChatTemplate is null ? "no" : "yes")}
              file size:      {Mebibytes(file.FileSize)}
            """));
        return ExitCodes.Ok;
    }

    private static string Mebibytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.##} MiB");
}
