using EdgeRouter.Core.Inference;
using EdgeRouter.Core.Routing;

namespace EdgeRouter.Tests.Core.Routing;

public sealed class RouteTableTests
{
    [Fact]
    public void Build_ExpandsNestedRoutes_EachTierOnce()
    {
        var table = RouteTable.Build(
            [
                new RouteConfig { Name = "fast", Chain = ["local", "a"] },
                new RouteConfig { Name = "smart", Chain = ["b", "fast", "a", "c"], Aliases = ["gpt-4o"] },
            ],
            ["a", "b", "c"]);

        Assert.Equal(["b", "local", "a", "c"], table.Resolve("smart")!.Tiers);
        Assert.Same(table.Resolve("smart"), table.Resolve("GPT-4o"));
        Assert.Same(table.Resolve("smart"), table.Resolve("smart:latest"));
        Assert.Equal(["local"], table.Resolve("auto")!.Tiers);
        Assert.Equal(["local"], table.Resolve("default")!.Tiers);
        Assert.Equal(["c"], table.Resolve("c")!.Tiers);
        Assert.Null(table.Resolve("nope"));
    }

    [Fact]
    public void Build_ConfiguredAuto_ReplacesBuiltIn()
    {
        var table = RouteTable.Build([new RouteConfig { Name = "auto", Chain = ["local", "a"] }], ["a"]);
        Assert.Equal(["local", "a"], table.Resolve("default")!.Tiers);
    }

    [Fact]
    public void ContextFitter_TruncatesOldestNonSystemTurns()
    {
        var messages = new List<ChatMessage>
        {
            new("system", "rules"),
            new("user", new string('a', 400)),
            new("assistant", new string('b', 400)),
            new("user", "last question"),
        };
        var request = GenerationRequest.Chat(messages);

        Assert.True(ContextFitter.TryTruncate(request, PromptTokenEstimator.Instance.Estimate, 120, isLocal: true, out var truncated, out var dropped));

        Assert.Equal(2, dropped);
        Assert.Equal(["system", "user"], truncated.Messages!.Select(m => m.Role));
        Assert.Equal("last question", truncated.Messages![1].Content);
    }

    [Fact]
    public void ContextFitter_CannotFit_LeavesRequestAlone()
    {
        var request = GenerationRequest.Chat([new("system", new string('s', 1000)), new("user", "q")]);
        Assert.False(ContextFitter.TryTruncate(request, PromptTokenEstimator.Instance.Estimate, 64, isLocal: true, out var same, out var dropped));
        Assert.Same(request, same);
        Assert.Equal(0, dropped);
    }

    [Fact]
    public void ContextFitter_Required_CountsMaxTokensOnlyUpstream()
    {
        var request = GenerationRequest.Chat([new("user", "q")], new SamplingOptions { MaxTokens = 500 });
        Assert.Equal(101, ContextFitter.Required(100, request, isLocal: true));
        Assert.Equal(600, ContextFitter.Required(100, request, isLocal: false));
    }
}
