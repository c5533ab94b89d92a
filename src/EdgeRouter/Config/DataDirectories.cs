namespace EdgeRouter.Host.Config;

/// <summary>
/// Where the router keeps files it makes itself: the demo model ($STATE_DIRECTORY under systemd (StateDirectory=),
/// else $XDG_CACHE_HOME/edgerouter, else ~/.cache/edgerouter) and the state file ($STATE_DIRECTORY, else the configured
/// directory, else $XDG_STATE_HOME/edgerouter, else ~/.local/state/edgerouter).
/// </summary>
public static class DataDirectories
{
    public static string ModelsDirectory(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return SystemdStateDirectory(environment) is { } state
            ? Path.Join(state, "models")
            : Path.Join(XdgOrHome(environment, "XDG_CACHE_HOME", ".cache"), "edgerouter", "models");
    }

    /// <param name="configured">The stateDirectory key / --state-dir flag, already an absolute path.</param>
    public static string StateDirectory(Func<string, string?> environment, string? configured)
    {
        ArgumentNullException.ThrowIfNull(environment);
        // Under systemd's sandbox (ProtectSystem=strict) the StateDirectory= is the one place the service may write.
        return SystemdStateDirectory(environment)
            ?? configured
            ?? Path.Join(XdgOrHome(environment, "XDG_STATE_HOME", Path.Join(".local", "state")), "edgerouter");
    }

    // systemd may pass several colon-separated directories; the first is ours.
    private static string? SystemdStateDirectory(Func<string, string?> environment) =>
        environment("STATE_DIRECTORY") is { Length: > 0 } state ? state.Split(':')[0] : null;

    private static string XdgOrHome(Func<string, string?> environment, string variable, string homeRelative)
    {
        if (environment(variable) is { Length: > 0 } xdg && Path.IsPathRooted(xdg))
        {
            return xdg;
        }
        var home = environment("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Join(home, homeRelative);
    }
}
