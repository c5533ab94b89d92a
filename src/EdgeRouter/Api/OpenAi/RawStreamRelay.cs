using System.Threading.Channels;
using EdgeRouter.Cloud.Upstreams;
using EdgeRouter.Host.Observability.Metrics;
using EdgeRouter.Core.Inference;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Api.OpenAi;

/// <summary>
/// Streams an upstream-served chat run to an OpenAI client by copying the upstream's SSE frames byte for byte
/// (re-encoding Text would lose fields such as ids, logprobs and system_fingerprint). The router already ends a failed
/// stream with an explicit error event and no [DONE]; this only adds one if the frame channel itself faults.
/// </summary>
internal sealed class RawStreamRelay(ILogger<RawStreamRelay> logger)
{
    public async Task RelayAsync(HttpContext context, InferenceRun run, ChannelReader<ReadOnlyMemory<byte>> frames, bool includeUsage)
    {
        var aborted = context.RequestAborted;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = Sse.ContentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var record = RequestRecord.Of(context);
        try
        {
            await foreach (var frame in frames.ReadAllAsync(aborted).ConfigureAwait(false))
            {
                record?.FirstText();
                if (!response.HasStarted)
                {
                    ServerTimingHeader.Set(response, record);
                }
                // The router always asks for usage (token accounting); clients that did not may index choices[0].
                if (!includeUsage && OpenAiPassthrough.IsUsageOnlyFrame(frame))
                {
                    continue;
                }
                await response.BodyWriter.WriteAsync(frame, aborted).ConfigureAwait(false);
            }
        }
        catch (Exception) when (aborted.IsCancellationRequested)
        {
            ApiLog.ClientGone(logger, context.Request.Path);
            return;
        }
        catch (Exception ex)
        {
            ApiLog.FailedMidStream(logger, run.Tier, ex.Message);
            record?.EndedWithError();
            await TryWriteErrorAsync(response, ex.Message, aborted).ConfigureAwait(false);
            return;
        }

        try
        {
            // The frames already told the client how it ended; this is only for the log.
            await run.Completion.WaitAsync(aborted).ConfigureAwait(false);
        }
        catch (Exception) when (aborted.IsCancellationRequested)
        {
            ApiLog.ClientGone(logger, context.Request.Path);
        }
        catch (Exception ex)
        {
            ApiLog.FailedMidStream(logger, run.Tier, ex.Message);
        }
    }

    private static async Task TryWriteErrorAsync(HttpResponse response, string message, CancellationToken aborted)
    {
        try
        {
            await Sse.WriteErrorAsync(response, $"The generation failed: {message}", aborted).ConfigureAwait(false);
        }
        catch (Exception) when (aborted.IsCancellationRequested)
        {
            // The client left while we were reporting the failure.
        }
    }
}
