namespace EdgeRouter.Host.Config;

/// <summary>
/// Where the router keeps files it makes itself (the demo model): $STATE_DIRECTORY under systemd (StateDirectory=),
/// else $XDG_CACHE_HOME/edgerouter, else ~/.cache/edgerouter.
/// </summary>
public static class DataDirectories
{
    public static string ModelsDirectory(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        // systemd may pass several colon-separated directories; the first is ours.
        if (environment("STATE_DIRECTORY") is { Length: > 0 } state)
        {
            return Path.Join(state.Split(':')[0], "models");
        }
        if (environment("XDG_CACHE_HOME") is { Length: > 0 } cache && Path.IsPathRooted(cache))
        {
            return Path.Join(cache, "edgerouter", "models");
        }
        var home = environment("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Join(home, ".cache", "edgerouter", "models");
    }
}
