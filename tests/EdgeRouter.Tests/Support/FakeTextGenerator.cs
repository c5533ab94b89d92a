using EdgeRouter.Core.Inference;

namespace EdgeRouter.Tests.Support;

/// <summary>
/// A deterministic <see cref="ITextGenerator"/>: emits <see cref="Pieces"/> in order, one "token" each, and honours
/// MaxTokens, stop strings and cancellation like the real engine. Tests control its pace with <see cref="Hold"/> /
/// <see cref="Release"/> (a held generator blocks before its next token until released or cancelled), and can make it
/// fail before or after the first token.
/// </summary>
public sealed class FakeTextGenerator : ITextGenerator
{
    private readonly ManualResetEventSlim _flowing = new(initialState: true);
    private readonly SemaphoreSlim _started = new(0);
    private readonly SemaphoreSlim _tokens = new(0);
    private int _generations;
    private int _disposed;

    public FakeTextGenerator(string name = "fake-model", int contextLength = 64)
    {
        Model = new ModelInfo
        {
            Name = name,
            Path = Path.Join(Path.GetTempPath(), "edgerouter-tests-missing", name + ".gguf"),
            Architecture = "llama",
            FileBytes = 123_456,
            ParameterCount = 494_032_768,
            Quantization = "Q8_0",
            ContextLength = contextLength,
            TrainContextLength = 32_768,
            ChatTemplate = "{{ messages }}",
            LoadedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            LoadDuration = TimeSpan.FromMilliseconds(12),
        };
    }

    public ModelInfo Model { get; init; }

    /// <summary>The text pieces of every generation, one per token.</summary>
    public IReadOnlyList<string> Pieces { get; set; } = ["Hello", " world"];

    /// <summary>Throw this (from the factory) after <see cref="FailAfterPieces"/> pieces were emitted.</summary>
    public Func<Exception>? Failure { get; set; }

    public int FailAfterPieces { get; set; }

    /// <summary>Holds automatically once this many pieces were emitted (so a stream is open but stalled).</summary>
    public int? PauseAfterPieces { get; set; }

    /// <summary>Reported prompt and decode durations.</summary>
    public TimeSpan PromptDuration { get; set; } = TimeSpan.FromMilliseconds(20);

    public TimeSpan DecodeDurationPerToken { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Real wall-clock pacing (cancellable), so aborts can land during "prefill" and between tokens.</summary>
    public TimeSpan PrefillDelay { get; set; }

    public TimeSpan TokenDelay { get; set; }

    public GenerationRequest? LastRequest { get; private set; }

    /// <summary>Tool calls every finished (not cancelled) generation reports, as the engine does after parsing them.</summary>
    public IReadOnlyList<ToolCall>? ToolCalls { get; set; }

    public int Generations => Volatile.Read(ref _generations);

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Generations that ended because their token was cancelled.</summary>
    public int CancelledGenerations => Volatile.Read(ref _cancelled);

    private int _cancelled;

    /// <summary>Blocks the running (and next) generation before its next token.</summary>
    public void Hold() => _flowing.Reset();

    public void Release() => _flowing.Set();

    /// <summary>Completes when a generation has started on the inference thread.</summary>
    public Task WaitForStartAsync(TimeSpan? timeout = null) => WaitAsync(_started, timeout);

    /// <summary>Completes when one more token has been emitted.</summary>
    public Task WaitForTokenAsync(TimeSpan? timeout = null) => WaitAsync(_tokens, timeout);

    /// <summary>Whitespace-separated words of the rendered prompt, plus 3 per chat message for the template.</summary>
    public int CountPromptTokens(GenerationRequest request) => request.Messages is { } messages
        ? messages.Sum(m => Words(m.Content) + 3)
        : Words(request.Prompt ?? string.Empty);

    public GenerationResult Generate(GenerationRequest request, ITokenSink sink, CancellationToken cancellationToken)
    {
        LastRequest = request;
        Interlocked.Increment(ref _generations);
        _started.Release();

        var promptTokens = CountPromptTokens(request);
        if (promptTokens > Model.ContextLength)
        {
            throw new PromptTooLongException(promptTokens, Model.ContextLength);
        }

        if (PrefillDelay > TimeSpan.Zero && cancellationToken.WaitHandle.WaitOne(PrefillDelay))
        {
            Interlocked.Increment(ref _cancelled);
            return Result(FinishReason.Cancelled, promptTokens, 0);
        }

        var sampling = request.Sampling;
        var emitted = 0;
        var text = string.Empty;
        var finish = FinishReason.Stop;
        foreach (var piece in Pieces)
        {
            if (Failure is { } failure && emitted == FailAfterPieces)
            {
                throw failure();
            }
            if (sampling.MaxTokens is { } max && emitted >= max)
            {
                finish = FinishReason.Length;
                break;
            }
            if (PauseAfterPieces == emitted)
            {
                _flowing.Reset();
            }
            try
            {
                _flowing.Wait(cancellationToken);
                if (TokenDelay > TimeSpan.Zero && cancellationToken.WaitHandle.WaitOne(TokenDelay))
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _cancelled);
                return Result(FinishReason.Cancelled, promptTokens, emitted);
            }

            var candidate = text + piece;
            if (sampling.Stop.Select(s => candidate.IndexOf(s, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min() is var at and >= 0)
            {
                if (at > text.Length)
                {
                    sink.OnText(candidate.AsSpan(text.Length, at - text.Length));
                }
                emitted++;
                sink.OnProgress(emitted);
                _tokens.Release();
                return Result(FinishReason.Stop, promptTokens, emitted);
            }

            text = candidate;
            sink.OnText(piece);
            emitted++;
            sink.OnProgress(emitted);
            _tokens.Release();
        }
        if (Failure is { } late && emitted == FailAfterPieces)
        {
            throw late();
        }
        return Result(finish, promptTokens, emitted);
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _disposed, 1);
        _flowing.Set();
    }

    private GenerationResult Result(FinishReason finish, int promptTokens, int completionTokens) =>
        new(finish, promptTokens, completionTokens, PromptDuration, DecodeDurationPerToken * completionTokens)
        {
            ToolCalls = finish == FinishReason.Cancelled ? null : ToolCalls,
        };

    private static int Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static async Task WaitAsync(SemaphoreSlim signal, TimeSpan? timeout)
    {
        if (!await signal.WaitAsync(timeout ?? TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException("the fake generator did not get there in time");
        }
    }
}
