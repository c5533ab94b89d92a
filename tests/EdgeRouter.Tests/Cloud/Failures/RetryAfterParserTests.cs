using EdgeRouter.Cloud.Failures;

namespace EdgeRouter.Tests.Cloud.Failures;

public sealed class RetryAfterParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("7", 7)]
    [InlineData(" 120 ", 120)]
    [InlineData("1.5", 1.5)]
    public void ParseRetryAfter_DeltaSeconds(string value, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfterParser.ParseRetryAfter(value, Now));
    }

    [Fact]
    public void ParseRetryAfter_HttpDate_IsRelativeToNow()
    {
        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfterParser.ParseRetryAfter("Thu, 01 Jan 2026 12:01:30 GMT", Now));
    }

    [Fact]
    public void ParseRetryAfter_DateInThePast_IsZero()
    {
        Assert.Equal(TimeSpan.Zero, RetryAfterParser.ParseRetryAfter("Wed, 31 Dec 2025 12:00:00 GMT", Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("1e400")]
    public void ParseRetryAfter_Garbage_IsNull(string? value)
    {
        Assert.Null(RetryAfterParser.ParseRetryAfter(value, Now));
    }

    [Fact]
    public void Parse_RetryAfterMs_WinsOverRetryAfter()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1500), RetryAfterParser.Parse("20", "1500", Now));
    }

    [Fact]
    public void Parse_BadRetryAfterMs_FallsBackToRetryAfter()
    {
        Assert.Equal(TimeSpan.FromSeconds(20), RetryAfterParser.Parse("20", "abc", Now));
    }

    [Fact]
    public void Parse_FromResponseHeaders()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("retry-after-ms", "250");
        response.Headers.TryAddWithoutValidation("Retry-After", "3");
        Assert.Equal(TimeSpan.FromMilliseconds(250), RetryAfterParser.Parse(response.Headers, Now));

        using var plain = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        plain.Headers.TryAddWithoutValidation("Retry-After", "3");
        Assert.Equal(TimeSpan.FromSeconds(3), RetryAfterParser.Parse(plain.Headers, Now));
    }
}
