using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Llama.Engine;

/// <summary>Model-load progress callback that logs each completed 10% (big models take seconds on a board's eMMC).</summary>
internal sealed unsafe class LoadProgress(ILogger logger, string modelPath)
{
    private int _lastDecile = -1;

    public static delegate* unmanaged<float, void*, byte> Callback => &OnProgress;

    private void Report(float progress)
    {
        var decile = (int)Math.Clamp(progress * 10f, 0f, 10f);
        if (decile > _lastDecile)
        {
            _lastDecile = decile;
            LlamaEngineLog.LoadProgress(logger, modelPath, decile * 10);
        }
    }

    [UnmanagedCallersOnly]
    private static byte OnProgress(float progress, void* userData)
    {
        try
        {
            if (GCHandle.FromIntPtr((IntPtr)userData).Target is LoadProgress target)
            {
                target.Report(progress);
            }
        }
#pragma warning disable CA1031 // an exception must never unwind into native code
        catch (Exception)
        {
        }
#pragma warning restore CA1031

        // Returning 0 would abort the load.
        return 1;
    }
}
