using System.Runtime.InteropServices;

namespace EdgeRouter.Tests.Cloud.State;

/// <summary>A fact that is skipped as root, for whom file permissions do not deny reading.</summary>
public sealed partial class NotRootFactAttribute : FactAttribute
{
    public NotRootFactAttribute()
    {
        if (!OperatingSystem.IsWindows() && GetEffectiveUserId() == 0)
        {
            Skip = "runs as root: file permissions do not deny root";
        }
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();
}
