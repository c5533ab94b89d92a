using System.Globalization;

namespace EdgeRouter.Edge.Memory;

/// <summary>Binary-unit formatting for messages: "512 MiB", "3.7 GiB".</summary>
public static class ByteSize
{
    public static string Format(long bytes)
    {
        const double KiB = 1024, MiB = KiB * 1024, GiB = MiB * 1024;
        var b = (double)bytes;
        return b switch
        {
            >= GiB => (b / GiB).ToString("0.0", CultureInfo.InvariantCulture) + " GiB",
            >= MiB => (b / MiB).ToString("0", CultureInfo.InvariantCulture) + " MiB",
            >= KiB => (b / KiB).ToString("0", CultureInfo.InvariantCulture) + " KiB",
            _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
        };
    }
}
