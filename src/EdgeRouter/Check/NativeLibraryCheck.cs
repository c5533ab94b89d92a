using EdgeRouter.Host.Config;
using EdgeRouter.Llama;
using EdgeRouter.Llama.Runtime;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Check;

/// <summary>
/// Loads libllama as the server would (version check included) and names the ggml CPU variant that won, e.g.
/// libggml-cpu-haswell.so, which decides the speed on this CPU. No model is loaded.
/// </summary>
internal static class NativeLibraryCheck
{
    private const string Subject = "native library";

    public static CheckFinding Run(ModelConfig model)
    {
        var log = new BackendLoadCapture();
        LlamaRuntimeInfo runtime;
        try
        {
            runtime = LlamaRuntime.Initialize(model.LibraryPath, model.LibraryDirectory, log);
        }
        catch (LlamaLibraryException ex)
        {
            return CheckFinding.Error(Subject, ex.Message);
        }

        var cpu = runtime.Devices.FirstOrDefault(static d => string.Equals(d.Type, "Cpu", StringComparison.OrdinalIgnoreCase));
        var backend = cpu is null
            ? "no CPU backend"
            : $"CPU backend {log.CpuVariant ?? cpu.Name} ({cpu.Description}{(cpu.Features.Length > 0 ? "; " + cpu.Features : string.Empty)})";
        var others = runtime.Devices.Where(d => d != cpu).Select(static d => $"{d.Backend}/{d.Name}").ToList();
        var extra = others.Count > 0 ? "; other devices: " + string.Join(", ", others) : string.Empty;
        return CheckFinding.Info(Subject, $"llama.cpp {runtime.Version} from {runtime.LibraryPath}; {backend}{extra}");
    }

    /// <summary>
    /// Picks ggml's "load_backend: loaded CPU backend from .../libggml-cpu-VARIANT.so" out of the native log, the only
    /// place the chosen file is named. Null when the runtime was already initialized (the line came earlier).
    /// </summary>
    private sealed class BackendLoadCapture : ILogger
    {
        private const string Marker = "loaded CPU backend from ";

        public string? CpuVariant { get; private set; }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = formatter(state, exception);
            var at = line.IndexOf(Marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                CpuVariant = Path.GetFileName(line[(at + Marker.Length)..].Trim());
            }
        }
    }
}
