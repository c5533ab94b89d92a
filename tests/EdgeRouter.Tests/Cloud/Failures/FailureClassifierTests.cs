using System.Net.Sockets;
using System.Text;
using EdgeRouter.Cloud.Failures;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Tests.Cloud.Failures;

public sealed class FailureClassifierTests
{
    [Theory]
    [InlineData(429, "", FailureClass.Throttle)]
    [InlineData(529, "overloaded_error", FailureClass.Throttle)]
    [InlineData(500, "", FailureClass.Outage)]
    [InlineData(502, "bad gateway", FailureClass.Outage)]
    [InlineData(503, "", FailureClass.Outage)]
    [InlineData(504, "", FailureClass.Outage)]
    [InlineData(408, "", FailureClass.Outage)]
    [InlineData(401, "invalid api key", FailureClass.Credential)]
    [InlineData(402, "payment required", FailureClass.Credential)]
    [InlineData(403, "forbidden", FailureClass.Credential)]
    [InlineData(400, "{\"error\":{\"message\":\"bad temperature\"}}", FailureClass.Request)]
    [InlineData(404, "model not found", FailureClass.Request)]
    [InlineData(413, "", FailureClass.Request)]
    [InlineData(422, "", FailureClass.Request)]
    [InlineData(400, "{\"error\":{\"code\":\"context_length_exceeded\"}}", FailureClass.ContextOverflow)]
    [InlineData(400, "This model's maximum context length is 8192 tokens", FailureClass.ContextOverflow)]
    [InlineData(400, "{\"error\":{\"code\":\"content_filter\"}}", FailureClass.ContentPolicy)]
    [InlineData(403, "You exceeded your current quota", FailureClass.Throttle)]
    [InlineData(503, "The model is overloaded", FailureClass.Throttle)]
    [InlineData(400, "Rate limit reached for requests", FailureClass.Throttle)]
    [InlineData(302, "", FailureClass.Outage)]
    public void ClassifyStatus_MapsStatusAndText(int status, string body, FailureClass expected)
    {
        Assert.Equal(expected, FailureClassifier.ClassifyStatus(status, body, hasRetryAfter: false));
    }

    [Fact]
    public void ClassifyStatus_5xxWithRetryAfter_IsThrottle()
    {
        Assert.Equal(FailureClass.Throttle, FailureClassifier.ClassifyStatus(503, "", hasRetryAfter: true));
    }

    [Fact]
    public void ClassifyStatus_401WithRateText_StaysCredential()
    {
        // A dead key must never be mistaken for a rate limit.
        Assert.Equal(FailureClass.Credential, FailureClassifier.ClassifyStatus(401, "rate limit", hasRetryAfter: false));
    }

    [Fact]
    public void FromStatus_KeepsBodyStatusAndRetryAfter()
    {
        var body = Encoding.UTF8.GetBytes("{\"error\":{\"message\":\"slow down\"}}");
        var failure = FailureClassifier.FromStatus(429, body, "application/json", TimeSpan.FromSeconds(7));

        Assert.Equal(FailureClass.Throttle, failure.Class);
        Assert.Equal(429, failure.StatusCode);
        Assert.Equal("http-429", failure.Reason);
        Assert.Equal(TimeSpan.FromSeconds(7), failure.RetryAfter);
        Assert.Equal(body, failure.Body.ToArray());
        Assert.Contains("slow down", failure.Message);
    }

    [Fact]
    public void FromException_ClientCancelled_WinsOverEverything()
    {
        var failure = FailureClassifier.FromException(new TaskCanceledException(), clientCancelled: true, TimeoutKind.FirstToken);
        Assert.Equal(FailureClass.ClientCancelled, failure.Class);
    }

    [Theory]
    [InlineData(TimeoutKind.FirstToken, "timeout-first-token")]
    [InlineData(TimeoutKind.Idle, "timeout-idle")]
    [InlineData(TimeoutKind.Total, "timeout-total")]
    public void FromException_OurTimeout_IsOutage(TimeoutKind kind, string reason)
    {
        var failure = FailureClassifier.FromException(new TaskCanceledException(), clientCancelled: false, kind);
        Assert.Equal(FailureClass.Outage, failure.Class);
        Assert.Equal(reason, failure.Reason);
        Assert.True(failure.IsTimeout);
    }

    [Fact]
    public void FromException_ConnectionRefused_IsOutage()
    {
        var ex = new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused));
        var failure = FailureClassifier.FromException(ex, clientCancelled: false, timeout: null);
        Assert.Equal(FailureClass.Outage, failure.Class);
        Assert.Equal("connect-refused", failure.Reason);
    }

    [Fact]
    public void FromException_Dns_IsOutage()
    {
        var ex = new HttpRequestException(HttpRequestError.NameResolutionError, "no such host");
        Assert.Equal("dns", FailureClassifier.FromException(ex, false, null).Reason);
    }

    [Fact]
    public void FromException_Reset_IsOutage()
    {
        var ex = new IOException("reset", new SocketException((int)SocketError.ConnectionReset));
        var failure = FailureClassifier.FromException(ex, false, null);
        Assert.Equal(FailureClass.Outage, failure.Class);
        Assert.Equal("reset", failure.Reason);
    }

    [Theory]
    [InlineData("{\"error\":{\"code\":\"rate_limit_exceeded\"}}", FailureClass.Throttle)]
    [InlineData("{\"error\":{\"code\":\"context_length_exceeded\"}}", FailureClass.ContextOverflow)]
    [InlineData("{\"error\":{\"code\":\"invalid_api_key\"}}", FailureClass.Credential)]
    [InlineData("{\"error\":{\"type\":\"server_error\"}}", FailureClass.Outage)]
    public void FromStreamError_ClassifiesByText(string json, FailureClass expected)
    {
        Assert.Equal(expected, FailureClassifier.FromStreamError(json).Class);
    }
}
