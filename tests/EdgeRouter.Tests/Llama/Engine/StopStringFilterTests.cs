using EdgeRouter.Llama.Engine;

namespace EdgeRouter.Tests.Llama.Engine;

public sealed class StopStringFilterTests
{
    [Fact]
    public void Push_NoStops_PassesTextThrough()
    {
        var (filter, sink) = Create();

        Assert.False(filter.Push("abc", sink));
        Assert.Equal("abc", sink.Text);
    }

    [Fact]
    public void Push_StopInsideOnePiece_EmitsTextBeforeIt()
    {
        var (filter, sink) = Create("END");

        Assert.True(filter.Push("hello END world", sink));
        Assert.Equal("hello ", sink.Text);
    }

    [Fact]
    public void Push_StopSplitAcrossPieces_HoldsBackItsStart()
    {
        var (filter, sink) = Create("</answer>");

        Assert.False(filter.Push("42 </an", sink));
        Assert.Equal("42 ", sink.Text);
        Assert.True(filter.Push("swer> trailing", sink));
        Assert.Equal("42 ", sink.Text);
    }

    [Fact]
    public void Push_FalseStart_ReleasesHeldText()
    {
        var (filter, sink) = Create("STOP");

        Assert.False(filter.Push("ST", sink));
        Assert.Equal("", sink.Text);
        Assert.False(filter.Push("ART", sink));
        Assert.Equal("START", sink.Text);
    }

    [Fact]
    public void Push_TwoStops_CutsAtTheEarliest()
    {
        var (filter, sink) = Create("zz", "b");

        Assert.True(filter.Push("a b zz", sink));
        Assert.Equal("a ", sink.Text);
    }

    [Fact]
    public void Push_OverlappingPrefix_KeepsLongestCandidate()
    {
        var (filter, sink) = Create("aab");

        Assert.False(filter.Push("xaa", sink));
        Assert.False(filter.Push("a", sink));
        Assert.Equal("xa", sink.Text);
        Assert.True(filter.Push("b", sink));
        Assert.Equal("xa", sink.Text);
    }

    [Fact]
    public void Flush_EmitsHeldBackText()
    {
        var (filter, sink) = Create("STOP");
        filter.Push("the ST", sink);

        filter.Flush(sink);

        Assert.Equal("the ST", sink.Text);
    }

    [Fact]
    public void Reset_EmptyStopStrings_AreIgnored()
    {
        var (filter, sink) = Create("", "x");

        Assert.False(filter.Push("abc", sink));
        Assert.Equal("abc", sink.Text);
    }

    private static (StopStringFilter Filter, RecordingSink Sink) Create(params string[] stops)
    {
        var filter = new StopStringFilter();
        filter.Reset(stops);
        return (filter, new RecordingSink());
    }
}
