using EdgeRouter.Prompts.ToolCalls;

namespace EdgeRouter.Prompts.Tests.ToolCalls;

public sealed class ToolCallStreamDetectorTests
{
    private static (string Streamed, ToolCallParseResult End) Run(ToolCallSyntax syntax, params string[] pieces)
    {
        var detector = new ToolCallStreamDetector(syntax);
        var streamed = string.Concat(pieces.Select(detector.Push));
        return (streamed, detector.Finish());
    }

    [Fact]
    public void Push_PlainText_StreamsEverythingAtOnce()
    {
        var detector = new ToolCallStreamDetector(ToolCallSyntax.Hermes);
        Assert.Equal("Hello", detector.Push("Hello"));
        Assert.Equal(" world", detector.Push(" world"));
        Assert.False(detector.InToolCall);
        Assert.Equal("", detector.Finish().Content);
    }

    [Fact]
    public void Push_OpenerSplitAcrossPieces_HoldsPartialOpenerThenStopsStreaming()
    {
        var (streamed, end) = Run(ToolCallSyntax.Hermes, "Checking <to", "ol_c", "all>\n{\"name\": \"f\", ", "\"arguments\": {\"a\": 1}}\n</tool_call>");
        Assert.Equal("Checking ", streamed);
        Assert.Equal("", end.Content);
        Assert.Equal(new ParsedToolCall("f", """{"a":1}"""), Assert.Single(end.Calls));
    }

    [Fact]
    public void Push_PartialOpenerThatIsNotOne_IsReleasedLater()
    {
        var detector = new ToolCallStreamDetector(ToolCallSyntax.Hermes);
        Assert.Equal("a ", detector.Push("a <to"));
        Assert.Equal("<today>", detector.Push("day>"));
    }

    [Fact]
    public void Push_Llama3AnswerStartingWithBrace_HeldAndParsedAsCall()
    {
        var (streamed, end) = Run(ToolCallSyntax.Llama3, " ", "{\"name\": \"f\",", " \"parameters\": {}}");
        Assert.Equal("", streamed);
        Assert.Equal("f", Assert.Single(end.Calls).Name);
    }

    [Fact]
    public void Push_Llama3JsonThatIsNotACall_ComesBackAsContentAtFinish()
    {
        var (streamed, end) = Run(ToolCallSyntax.Llama3, "{\"answer\": ", "42}");
        Assert.Equal("", streamed);
        Assert.False(end.HasCalls);
        Assert.Equal("{\"answer\": 42}", end.Content);
    }

    [Fact]
    public void Push_Llama3TextFirst_StreamsAndNeverHoldsLaterBraces()
    {
        var (streamed, end) = Run(ToolCallSyntax.Llama3, "Use ", "{x}", " here");
        Assert.Equal("Use {x} here", streamed);
        Assert.False(end.HasCalls);
    }

    [Fact]
    public void Push_MistralMarker_SplitsContentAndCalls()
    {
        var (streamed, end) = Run(ToolCallSyntax.Mistral, "Ok", "[TOOL_", "CALLS][{\"name\": \"f\", \"arguments\": {}}]");
        Assert.Equal("Ok", streamed);
        Assert.Equal("f", Assert.Single(end.Calls).Name);
    }
}
