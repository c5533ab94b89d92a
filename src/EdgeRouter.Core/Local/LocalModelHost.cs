using EdgeRouter.Core.Inference;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Core.Local;

/// <summary>
/// Owns the local model's lifecycle: loading in the background at start (so /healthz answers at once and /readyz
/// says why it is not ready), then serving, or failed with the reason.
/// </summary>
public sealed partial class LocalModelHost : IDisposable
{
    private readonly ILogger _logger;
    private volatile ITextGenerator? _generator;
    private volatile ReadinessStatus _status = new(ReadinessState.Loading, "the local model has not started loading");

    public LocalModelHost(ILogger<LocalModelHost> logger) => _logger = logger;

    public ReadinessStatus Status => _status;

    public ITextGenerator? Generator => _generator;

    /// <summary>Loads on <paramref name="worker"/>'s thread, so the native library is only ever driven from one thread.</summary>
    public Task LoadAsync(InferenceWorker worker, string description, Func<ITextGenerator> load)
    {
        _status = new ReadinessStatus(ReadinessState.Loading, $"loading {description}");
        return worker.Run(() =>
        {
            try
            {
                var generator = load();
                _generator = generator;
                _status = new ReadinessStatus(ReadinessState.Ready, $"serving {generator.Model.Name}");
                LogLoaded(_logger, generator.Model.Name, generator.Model.LoadDuration.TotalMilliseconds, generator.Model.ContextLength);
            }
            catch (Exception ex)
            {
                _status = new ReadinessStatus(ReadinessState.Failed, $"the local model failed to load: {ex.Message}");
                LogLoadFailed(_logger, description, ex.Message);
            }
            return true;
        });
    }

    public void Dispose() => _generator?.Dispose();

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Model {Name} loaded in {Milliseconds:0} ms, context {ContextLength} tokens")]
    private static partial void LogLoaded(ILogger logger, string name, double milliseconds, int contextLength);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Model {Description} failed to load: {Reason}")]
    private static partial void LogLoadFailed(ILogger logger, string description, string reason);
}
