using System.Runtime.InteropServices;

namespace EdgeRouter.Cloud.State;

/// <summary>
/// fsync(2) of a directory, so a rename into it survives a power cut. .NET has no API for it (a directory cannot be
/// opened as a FileStream), hence libc's open/fsync/close.
/// </summary>
internal static partial class DirectorySync
{
    // Opening a directory read-only needs no O_DIRECTORY (whose value differs between x64 and arm64); O_CLOEXEC is
    // the same on both.
    private const int ReadOnlyCloseOnExec = 0x80000;

    /// <summary>Flushes <paramref name="directory"/>'s entries to disk; returns the errno on failure, 0 on success.</summary>
    public static int Flush(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return 0;
        }
        var fd = Open(directory, ReadOnlyCloseOnExec);
        if (fd < 0)
        {
            return Marshal.GetLastPInvokeError();
        }
        try
        {
            return FSync(fd) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
