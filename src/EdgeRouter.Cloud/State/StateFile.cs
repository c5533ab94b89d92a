using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Cloud.State;

/// <summary>
/// The router's state file. <see cref="Save"/> replaces it atomically (temp file in the same directory, written and
/// flushed to disk, renamed over the old one, then the directory flushed), so a crash at any moment leaves either the
/// old or the new file, never a torn one. <see cref="Load"/> never throws: a missing file is a clean start, and a file
/// that cannot be read or parsed is logged and ignored, because losing cooldowns is better than not starting.
/// </summary>
public sealed class StateFile
{
    public const string DefaultFileName = "router-state.json";

    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public StateFile(string path, TimeProvider time, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        _time = time;
        _logger = logger;
    }

    public string Path { get; }

    private string Directory => System.IO.Path.GetDirectoryName(Path)!;

    private string TempPath => Path + ".tmp";

    /// <summary>The saved state without the entries that expired meanwhile; <see cref="RouterState.Empty"/> when there is none to use.</summary>
    public RouterState Load()
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(Path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            CloudLog.StateMissing(_logger, Path);
            return RouterState.Empty;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Ignored(ex.Message);
        }
        if (bytes.Length == 0)
        {
            return Ignored("the file is empty");
        }

        RouterState? state;
        try
        {
            state = JsonSerializer.Deserialize(bytes, StateJsonContext.Default.RouterState);
        }
        catch (JsonException ex)
        {
            return Ignored($"not a valid state file: {ex.Message}");
        }
        if (state is null)
        {
            return Ignored("not a valid state file: null");
        }
        if (state.Version != RouterState.CurrentVersion)
        {
            return Ignored($"unknown format version {state.Version} (this version reads {RouterState.CurrentVersion})");
        }
        var now = _time.GetUtcNow();
        return state with
        {
            Cooldowns = state.Cooldowns.Where(c => c.Until > now).ToList(),
            Breakers = state.Breakers.Where(b => b.Until > now).ToList(),
        };
    }

    /// <summary>Replaces the file with <paramref name="state"/>; false (and a warning) when that failed, the old file then stands.</summary>
    public bool Save(RouterState state)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(state, StateJsonContext.Default.RouterState);
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            using (var stream = new FileStream(TempPath, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(TempPath, Path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            CloudLog.StateWriteFailed(_logger, Path, ex.Message);
            return false;
        }
        // The rename is done; without the directory flush a power cut may still bring back the old file, which is a
        // good state too, so a failure here is only worth a debug line.
        if (DirectorySync.Flush(Directory) is not 0 and var errno)
        {
            CloudLog.StateDirectorySyncFailed(_logger, Directory, errno);
        }
        CloudLog.StateWritten(_logger, Path, state.Cooldowns.Count, state.Breakers.Count, state.Pins.Count);
        return true;
    }

    private RouterState Ignored(string problem)
    {
        CloudLog.StateIgnored(_logger, Path, problem);
        return RouterState.Empty;
    }
}
