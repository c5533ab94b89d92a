using System.Globalization;

namespace EdgeRouter.Host.Cli;

/// <summary>A one-line "[#####.....]  42%" bar redrawn with \r; only for a terminal (never into a log or a pipe).</summary>
internal sealed class ProgressBar(TextWriter output, string label) : IProgress<double>
{
    private const int Width = 30;
    private int _lastPercent = -1;

    public void Report(double value)
    {
        var percent = (int)Math.Clamp(Math.Floor(value * 100), 0, 100);
        if (percent == _lastPercent)
        {
            return;
        }
        _lastPercent = percent;
        var filled = percent * Width / 100;
        output.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r{label} [{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}%"));
        output.Flush();
    }

    public void Finish() => output.WriteLine();
}
