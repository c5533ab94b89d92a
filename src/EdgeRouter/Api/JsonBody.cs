using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EdgeRouter.Host.Json;
using Microsoft.AspNetCore.Http.Features;

namespace EdgeRouter.Host.Api;

/// <summary>
/// Reads and binds a JSON request body by hand, so every failure becomes a 4xx in the caller's surface shape:
/// minimal-API binding would answer malformed JSON with a bare 400 and wrong types with an exception.
/// </summary>
internal static class JsonBody
{
    /// <param name="Raw">The body as received (set with <paramref name="Value"/>), for surfaces that forward it.</param>
    public readonly record struct Result<T>(T? Value, ApiError? Error, ReadOnlyMemory<byte> Raw = default) where T : class;

    public static async Task<Result<T>> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        var declared = request.ContentLength;
        if (declared > ApiLimits.MaxRequestBodyBytes
            && (declared > ApiLimits.MaxDrainBytes || request.Headers.Expect.ToString().Contains("100-continue", StringComparison.OrdinalIgnoreCase)))
        {
            // Either the client waits for "100 Continue" and will not send the body at all, or the body is too big to
            // be worth draining: answer at once.
            return new(null, ApiError.TooLarge());
        }

        // We enforce the limit ourselves so that an oversized body can be drained: closing the connection on a client
        // that is still sending makes it see a reset instead of our 413.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = ApiLimits.MaxDrainBytes;
        }

        // One byte over the declared length, so the read that sees the end of the body needs no bigger buffer: a
        // request costs an array of its own size, never a fixed 16 KiB one (refusals under a flood allocate nothing else).
        var buffer = new ArrayBufferWriter<byte>(declared is > 0 and <= ApiLimits.MaxRequestBodyBytes ? (int)declared.Value + 1 : 4096);
        try
        {
            if (!await CopyAsync(request.Body, buffer, cancellationToken).ConfigureAwait(false))
            {
                await DrainAsync(request.Body, cancellationToken).ConfigureAwait(false);
                return new(null, ApiError.TooLarge());
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new(null, ApiError.TooLarge());
        }
        catch (BadHttpRequestException ex)
        {
            return new(null, ApiError.InvalidRequest($"The request body could not be read: {ex.Message}"));
        }

        if (buffer.WrittenCount == 0)
        {
            return new(null, ApiError.InvalidRequest("The request body is empty; send a JSON object."));
        }

        if (!JsonText.StringsAreValid(buffer.WrittenSpan))
        {
            return new(null, ApiError.InvalidRequest(
                "The request body contains text that is not valid UTF-8 (or an unpaired \\u surrogate escape).", null, "invalid_json"));
        }

        try
        {
            var value = JsonSerializer.Deserialize(buffer.WrittenSpan, typeInfo);
            return value is null
                ? new(null, ApiError.InvalidRequest("The request body must be a JSON object, not null."))
                : new(value, null, buffer.WrittenMemory);
        }
        catch (JsonException ex)
        {
            return new(null, Describe(JsonErrorDescription.From(ex)));
        }
    }

    private static ApiError Describe(JsonErrorDescription error) => error.Kind switch
    {
        JsonErrorKind.Syntax => ApiError.InvalidRequest(
            $"We could not parse the JSON body of your request{(error.Line is { } line ? $" (line {line})" : string.Empty)}: {error.Detail}",
            null, "invalid_json"),
        JsonErrorKind.WrongType when error.Parameter is { } param => ApiError.InvalidRequest(
            $"Invalid type for '{param}': {error.Detail}.", param, "invalid_type"),
        JsonErrorKind.WrongType => ApiError.InvalidRequest($"The request body must be a JSON object.", null, "invalid_type"),
        _ => ApiError.InvalidRequest($"Invalid value for '{error.Parameter ?? "body"}': {error.Detail}", error.Parameter, "invalid_value"),
    };

    private static async Task DrainAsync(Stream body, CancellationToken cancellationToken)
    {
        var scratch = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (await body.ReadAsync(scratch, cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>Copies at most the body limit; false when the body is larger (chunked bodies have no Content-Length).</summary>
    private static async Task<bool> CopyAsync(Stream body, ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            // The free space left, or a doubled buffer once it is full (bodies without a Content-Length).
            var memory = buffer.GetMemory();
            var read = await body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return true;
            }
            buffer.Advance(read);
            if (buffer.WrittenCount > ApiLimits.MaxRequestBodyBytes)
            {
                return false;
            }
        }
    }
}
