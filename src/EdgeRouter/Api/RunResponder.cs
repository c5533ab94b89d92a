using EdgeRouter.Host.Observability.Metrics;
using EdgeRouter.Host.Security;
using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Routing;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace EdgeRouter.Host.Api;

/// <summary>
/// Turns an admitted run into a response, the same way for every surface:
/// <code>
///   wait for the first piece or the end ── failure ──► 4xx/5xx in the surface's shape (nothing sent yet)
///        │ text or clean end
///        ▼
///   200 + headers, format start ─► piece, piece, ... (flushed each) ─► end (finish reason, usage)
///        │ failure after the first byte                 │ client gone (RequestAborted)
///        ▼                                              ▼
///   in-band error event/line, no clean terminator       stop writing; disposing the run frees the slot
/// </code>
/// </summary>
internal sealed class RunResponder(ILogger<RunResponder> logger)
{
    public const string PriorityHeader = "X-EdgeRouter-Priority";

    public delegate Task ErrorWriter(HttpContext context, ApiError error);

    /// <summary>
    /// Asks the inference service to start; on refusal writes the error and returns null. The run is tied to
    /// RequestAborted, so a client that disconnects cancels the generation. The caller must dispose the run.
    /// </summary>
    public async Task<InferenceRun?> AdmitAsync(HttpContext context, IInferenceService inference, string model,
        GenerationRequest request, ErrorWriter writeError, string promptParam)
    {
        if (RouteAccess.Denied(context, inference, model) is { } denied)
        {
            await writeError(context, AccessErrors.RouteNotAllowed(denied)).ConfigureAwait(false);
            return null;
        }
        request = WithPriority(context, request);
        var record = RequestRecord.Of(context);
        var dispatchedAt = record?.Dispatching(model) ?? 0;
        Admission admission;
        try
        {
            admission = await inference.StartAsync(model, request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            ApiLog.ClientGone(logger, context.Request.Path);
            return null;
        }

        record?.Admitted(admission, dispatchedAt);
        var headers = context.Response.Headers;
        if (admission is Admission.Started started)
        {
            RouteHeaders.Apply(started.Run.Trace, (name, value) => headers[name] = value);
            return started.Run;
        }
        if (admission is Admission.Failed failed)
        {
            // The client sees which tiers were tried and why, even when none served.
            RouteHeaders.Apply(failed.Trace, (name, value) => headers[name] = value);
        }

        var error = ApiError.FromAdmission(admission, promptParam);
        ApiLog.Refused(logger, context.Request.Path, error.Status, error.Message);
        await writeError(context, error).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// "X-EdgeRouter-Priority: background" marks batch work, which never spills to a paid upstream unless its route
    /// allows; a background API key cannot claim interactive with the header.
    /// </summary>
    private static GenerationRequest WithPriority(HttpContext context, GenerationRequest request)
    {
        var asked = string.Equals(context.Request.Headers[PriorityHeader].ToString().Trim(), "background", StringComparison.OrdinalIgnoreCase)
            ? RequestPriority.Background
            : request.Priority;
        return request with { Priority = RouteAccess.Priority(context, asked) };
    }

    public async Task StreamAsync(HttpContext context, InferenceRun run, IRunStreamFormat format, ErrorWriter writeError, string promptParam)
    {
        var aborted = context.RequestAborted;
        var response = context.Response;
        bool hasText;
        try
        {
            hasText = await RunText.WaitAsync(run, aborted).ConfigureAwait(false);
        }
        catch (Exception) when (aborted.IsCancellationRequested)
        {
            ApiLog.ClientGone(logger, context.Request.Path);
            return;
        }
        catch (Exception ex)
        {
            await WriteFailureAsync(context, run, ex, writeError, promptParam).ConfigureAwait(false);
            return;
        }

        var record = RequestRecord.Of(context);
        if (hasText)
        {
            record?.FirstText();
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = format.ContentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        ServerTimingHeader.Set(response, record);
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        try
        {
            await format.WriteStartAsync(response, aborted).ConfigureAwait(false);
            while (hasText)
            {
                while (run.Text.TryRead(out var piece))
                {
                    // Written before its piece, so it is there to read.
                    var logprobs = run.Logprobs is { } tokens && tokens.TryRead(out var entries) ? entries : null;
                    await format.WritePieceAsync(response, piece, logprobs, aborted).ConfigureAwait(false);
                }
                hasText = await RunText.WaitAsync(run, aborted).ConfigureAwait(false);
            }

            var result = await run.Completion.WaitAsync(aborted).ConfigureAwait(false);
            if (result.FinishReason == FinishReason.Cancelled)
            {
                // Not the client (that is the catch below): the server is stopping. Never end the stream as if complete.
                record?.EndedWithError();
                await format.WriteErrorAsync(response, ApiError.Cancelled().Message, aborted).ConfigureAwait(false);
                return;
            }
            await format.WriteEndAsync(response, result, aborted).ConfigureAwait(false);
        }
        catch (Exception) when (aborted.IsCancellationRequested)
        {
            ApiLog.ClientGone(logger, context.Request.Path);
        }
        catch (Exception ex)
        {
            ApiLog.FailedMidStream(logger, run.Tier, ex.Message);
            record?.EndedWithError();
            try
            {
                await format.WriteErrorAsync(response, $"The generation failed: {ex.Message}", aborted).ConfigureAwait(false);
            }
            catch (Exception) when (aborted.IsCancellationRequested)
            {
                // The client left while we were reporting the failure.
            }
        }
    }

    /// <summary>The whole text and result, or null after an error response was written (or the client left).</summary>
    public async Task<(string Text, GenerationResult Result)?> CollectAsync(HttpContext context, InferenceRun run, ErrorWriter writeError, string promptParam)
    {
        var aborted = context.RequestAborted;
        try
        {
            if (await RunText.WaitAsync(run, aborted).ConfigureAwait(false))
            {
                RequestRecord.Of(context)?.FirstText();
            }
            var collected = await RunText.CollectAsync(run, aborted).ConfigureAwait(false);
            if (collected.Result.FinishReason == FinishReason.Cancelled)
            {
                if (aborted.IsCancellationRequested)
                {
                    return null;
                }
                await writeError(context, ApiError.Cancelled()).ConfigureAwait(false);
                return null;
            }
            return collected;
        }
        catch (Exception) when (aborted.IsCancellationRequested)
        {
            ApiLog.ClientGone(logger, context.Request.Path);
            return null;
        }
        catch (Exception ex)
        {
            await WriteFailureAsync(context, run, ex, writeError, promptParam).ConfigureAwait(false);
            return null;
        }
    }

    private Task WriteFailureAsync(HttpContext context, InferenceRun run, Exception exception, ErrorWriter writeError, string promptParam)
    {
        var error = ApiError.FromGenerationFailure(exception, promptParam);
        if (error.Status >= StatusCodes.Status500InternalServerError)
        {
            ApiLog.FailedBeforeStart(logger, run.Tier, exception.Message);
        }
        return writeError(context, error);
    }
}
