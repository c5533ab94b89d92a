using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Tests.Cloud.Support;

/// <summary>
/// A local model that answers with fixed tokens. It can hold the slot (after its first token, until released), always
/// overflow its context, and it records how many generations ever ran at once.
/// </summary>
public sealed class FakeGenerator : ITextGenerator
{
    private readonly Lock _sync = new();
    private TaskCompletionSource? _hold;
    private int _running;

    public FakeGenerator(int contextLength = 2048)
    {
        Model = new ModelInfo
        {
            Name = "fake-local",
            Path = "/models/fake.gguf",
            Architecture = "llama",
            FileBytes = 1,
            ParameterCount = 1,
            Quantization = "F16",
            ContextLength = contextLength,
            TrainContextLength = contextLength,
            LoadedAt = DateTimeOffset.UnixEpoch,
            LoadDuration = TimeSpan.Zero,
        };
    }

    public ModelInfo Model { get; }

    public string[] Tokens { get; set; } = ["local", " answer"];

    /// <summary>Every generation throws PromptTooLongException (the estimate said it fits; the real tokenizer disagrees).</summary>
    public bool AlwaysOverflow { get; set; }

    public int Calls;

    public int MaxConcurrent;

    /// <summary>The next generations emit their first token and then wait until <see cref="Release"/>.</summary>
    public void HoldAfterFirstToken()
    {
        lock (_sync)
        {
            _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Release()
    {
        lock (_sync)
        {
            _hold?.TrySetResult();
            _hold = null;
        }
    }

    /// <summary>
    /// When set, the model's own count is this many tokens per UTF-8 byte (plus 4 per message), like a tokenizer that
    /// splits digits one by one; otherwise it agrees with the router's estimate.
    /// </summary>
    public int? TokensPerByte { get; init; }

    /// <summary>The prompt size of the last generation, by the model's own count.</summary>
    public int LastPromptTokens;

    public int CountPromptTokens(GenerationRequest request) => TokensPerByte is { } perByte
        ? request.Messages?.Sum(m => 4 + perByte * System.Text.Encoding.UTF8.GetByteCount(m.Content)) ?? perByte * (request.Prompt?.Length ?? 0)
        : PromptTokenEstimator.Instance.Estimate(request);

    public GenerationResult Generate(GenerationRequest request, ITokenSink sink, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref _running);
        Interlocked.Increment(ref Calls);
        lock (_sync)
        {
            MaxConcurrent = Math.Max(MaxConcurrent, now);
        }
        try
        {
            var prompt = CountPromptTokens(request);
            LastPromptTokens = prompt;
            if (AlwaysOverflow || prompt >= Model.ContextLength)
            {
                throw new PromptTooLongException(prompt, Model.ContextLength);
            }
            Task? hold;
            lock (_sync)
            {
                hold = _hold?.Task;
            }
            var produced = 0;
            foreach (var token in Tokens)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return new GenerationResult(FinishReason.Cancelled, prompt, produced, TimeSpan.Zero, TimeSpan.Zero);
                }
                sink.OnText(token);
                sink.OnProgress(++produced);
                if (produced == 1 && hold is not null)
                {
                    try
                    {
                        hold.Wait(cancellationToken);
                    }
                    catch (OperationCanceledException)
                    {
                        return new GenerationResult(FinishReason.Cancelled, prompt, produced, TimeSpan.Zero, TimeSpan.Zero);
                    }
                }
            }
            return new GenerationResult(FinishReason.Stop, prompt, produced, TimeSpan.Zero, TimeSpan.Zero);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public void Dispose()
    {
    }
}
