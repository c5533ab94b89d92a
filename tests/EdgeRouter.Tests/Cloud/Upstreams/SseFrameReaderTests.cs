using System.IO.Pipelines;
using System.Text;
using EdgeRouter.Cloud.Upstreams;
using EdgeRouter.Core.Routing;
using EdgeRouter.Tests.Support;

namespace EdgeRouter.Tests.Cloud.Upstreams;

public sealed class SseFrameReaderTests
{
    private static async Task<List<SseFrame>> ReadAll(string text)
    {
        var frames = new List<SseFrame>();
        await using var reader = new SseFrameReader(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        while (await reader.ReadAsync(CancellationToken.None) is { } frame)
        {
            frames.Add(frame);
        }
        return frames;
    }

    [Fact]
    public async Task ReadAsync_KeepsRawBytesExactly()
    {
        const string stream = "data: {\"a\":1}\n\n: keep-alive\n\nevent: message\r\ndata: one\r\ndata: two\r\n\r\ndata: [DONE]\n\n";

        var frames = await ReadAll(stream);

        Assert.Equal(4, frames.Count);
        Assert.Equal(stream, string.Concat(frames.Select(f => Encoding.UTF8.GetString(f.Raw.Span))));
        Assert.Equal("{\"a\":1}", frames[0].Data);
        Assert.Null(frames[1].Data);
        Assert.Equal("message", frames[2].Event);
        Assert.Equal("one\ntwo", frames[2].Data);
        Assert.Equal("[DONE]", frames[3].Data);
        Assert.All(frames, f => Assert.True(f.IsComplete));
    }

    [Fact]
    public async Task ReadAsync_TrailingPartialFrame_IsMarkedIncomplete()
    {
        var frames = await ReadAll("data: x\n\ndata: {\"cho");
        Assert.Equal(2, frames.Count);
        Assert.False(frames[1].IsComplete);
    }

    [Fact]
    public async Task ReadAsync_FrameSplitAcrossWrites_YieldsOnlyWhenComplete()
    {
        var pipe = new Pipe();
        using var stream = new ReadWatchStream(pipe.Reader.AsStream());
        await using var reader = new SseFrameReader(stream);
        var next = reader.ReadAsync(CancellationToken.None).AsTask();

        await pipe.Writer.WriteAsync("data: hel"u8.ToArray());
        await pipe.Writer.WriteAsync("lo\r"u8.ToArray());
        // Asking for more after all 12 bytes means it has looked at them and found no frame yet.
        await stream.WaitForReadAfterAsync(12).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(next.IsCompleted);
        await pipe.Writer.WriteAsync("\n\r\n"u8.ToArray());

        var frame = await next.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("hello", frame!.Data);
        Assert.Equal("data: hello\r\n\r\n", Encoding.UTF8.GetString(frame.Raw.Span));
        await pipe.Writer.CompleteAsync();
        Assert.Null(await reader.ReadAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}", false, "")]
    [InlineData("{\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}", true, "Hi")]
    [InlineData("{\"choices\":[{\"delta\":{\"reasoning_content\":\"hmm\"}}]}", true, null)]
    [InlineData("{\"choices\":[{\"text\":\"legacy\"}]}", true, "legacy")]
    [InlineData("{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2}}", false, null)]
    public void ChunkInfo_Parse(string data, bool hasOutput, string? content)
    {
        var chunk = ChunkInfo.Parse(data);
        Assert.Equal(hasOutput, chunk.HasOutput);
        Assert.Equal(content, chunk.Content);
        Assert.False(chunk.IsMalformed);
    }

    [Fact]
    public void ChunkInfo_Parse_ErrorDoneAndGarbage()
    {
        Assert.Equal("{\"error\":{\"message\":\"x\"}}", ChunkInfo.Parse("{\"error\":{\"message\":\"x\"}}").ErrorJson);
        Assert.True(ChunkInfo.Parse("[DONE]").IsDone);
        Assert.True(ChunkInfo.Parse("{not json").IsMalformed);
        Assert.Equal(5, ChunkInfo.Parse("{\"choices\":[],\"usage\":{\"prompt_tokens\":5}}").PromptTokens);
        Assert.Equal("length", ChunkInfo.Parse("{\"choices\":[{\"delta\":{},\"finish_reason\":\"length\"}]}").FinishReason);
    }

    [Fact]
    public void RequestWriter_WritesOpenAiChatBody()
    {
        var request = EdgeRouter.Core.Inference.GenerationRequest.Chat(
            [new("system", "be brief"), new("user", "hi \"there\"")],
            new EdgeRouter.Core.Inference.SamplingOptions { Temperature = 0.8f, MaxTokens = 64, Seed = 7, Stop = ["\n\n"] });

        var json = Encoding.UTF8.GetString(OpenAiRequestWriter.Write(request, "gpt-4o-mini", stream: true));

        Assert.Equal(
            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":\"hi \\u0022there\\u0022\"}]," +
            "\"temperature\":0.8,\"top_p\":0.95,\"max_tokens\":64,\"seed\":7,\"stop\":[\"\\n\\n\"],\"stream\":true,\"stream_options\":{\"include_usage\":true}}",
            json);
    }

    [Theory]
    [InlineData("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5}}\n\n", true)]
    [InlineData("data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}],\"usage\":null}\n\n", false)]
    [InlineData("data: {\"choices\":[{\"delta\":{\"content\":\"usage\"}}]}\n\n", false)]
    [InlineData("data: [DONE]\n\n", false)]
    public void Passthrough_IsUsageOnlyFrame(string frame, bool expected)
    {
        Assert.Equal(expected, OpenAiPassthrough.IsUsageOnlyFrame(Encoding.UTF8.GetBytes(frame)));
    }

    [Fact]
    public void ErrorEvent_IsOpenAiErrorShape()
    {
        var bytes = UpstreamStream.ErrorEvent("cloud-a", new EdgeRouter.Core.Routing.TierFailure(
            EdgeRouter.Core.Routing.FailureClass.Outage, "reset", "the connection was reset"));
        var text = Encoding.UTF8.GetString(bytes);
        Assert.StartsWith("data: {\"error\":{", text);
        Assert.EndsWith("}}\n\n", text);
        Assert.Contains("upstream_stream_interrupted", text);
    }
}
