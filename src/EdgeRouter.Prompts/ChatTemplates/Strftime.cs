using System.Globalization;
using System.Text;

namespace EdgeRouter.Prompts.ChatTemplates;

/// <summary>Python's strftime for strftime_now (Llama 3.x templates print today's date with "%d %b %Y").</summary>
internal static class Strftime
{
    public static string Format(DateTimeOffset time, string format)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                sb.Append(format[i]);
                continue;
            }

            var spec = format[++i];
            var pad = true;
            if (spec == '-' && i + 1 < format.Length)
            {
                pad = false; // glibc's %-d: no zero padding
                spec = format[++i];
            }

            string Two(int v) => pad ? v.ToString("00", c) : v.ToString(c);
            sb.Append(spec switch
            {
                'd' => Two(time.Day),
                'm' => Two(time.Month),
                'Y' => time.Year.ToString(c),
                'y' => Two(time.Year % 100),
                'H' => Two(time.Hour),
                'I' => Two(time.Hour % 12 == 0 ? 12 : time.Hour % 12),
                'M' => Two(time.Minute),
                'S' => Two(time.Second),
                'p' => time.Hour < 12 ? "AM" : "PM",
                'b' or 'h' => time.ToString("MMM", c),
                'B' => time.ToString("MMMM", c),
                'a' => time.ToString("ddd", c),
                'A' => time.ToString("dddd", c),
                'j' => pad ? time.DayOfYear.ToString("000", c) : time.DayOfYear.ToString(c),
                'w' => ((int)time.DayOfWeek).ToString(c),
                'F' => time.ToString("yyyy-MM-dd", c),
                'T' => time.ToString("HH:mm:ss", c),
                'Z' => "UTC",
                'z' => time.ToString("zzz", c).Replace(":", "", StringComparison.Ordinal),
                '%' => "%",
                _ => "%" + spec,
            });
        }

        return sb.ToString();
    }
}
