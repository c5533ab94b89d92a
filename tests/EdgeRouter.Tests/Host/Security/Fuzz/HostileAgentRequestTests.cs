using EdgeRouter.Gguf;
using EdgeRouter.Tests.Support;
using Xunit;
using EdgeRouter.Tests.Host.Api;

namespace EdgeRouter.Tests.Host.Security.Fuzz;

/// <summary>
/// Hostile agent traffic over real HTTP against the real host and llama.cpp on a generated model whose chat template
/// supports tools and hides traps (an endless loop, runaway recursion, a flood of output) behind certain inputs.
/// Hostile schemas, tool definitions, tool_choice values and tool-call histories get a 4xx in the surface's shape; a
/// sprung trap is a 500 that names the template, within its render budget; nothing hangs, nothing crashes, no slot
/// is left taken, and the router serves normally afterwards. Reproduce a failure with EDGEROUTER_FUZZ_SEED=N.
/// </summary>
public sealed class HostileAgentRequestTests
{
    private const int DefaultSeed = 20_261_203;

    /// <summary>ChatML with tools, in the style of Qwen's template, and a trap per <see cref="HostileAgentBody.TemplateTraps"/>.</summary>
    public const string Template =
        "{%- macro deep(n) %}{{ deep(n + 1) }}{% endmacro %}" +
        "{%- if tools %}{{- '<|im_start|>system\\nTools:\\n' }}{%- for tool in tools %}{{- tool | tojson + '\\n' }}" +
        "{%- if tool.function.name == 'loop' %}{%- for i in range(1000000000) %}x{%- endfor %}{%- endif %}{%- endfor %}" +
        "{{- 'Call them as <tool_call>{\"name\": .., \"arguments\": ..}</tool_call><|im_end|>\\n' }}{%- endif %}" +
        "{%- for message in messages %}" +
        "{%- if message.content == 'loop' %}{%- for i in range(1000000000) %}{%- endfor %}{%- endif %}" +
        "{%- if message.content == 'recurse' %}{{- deep(0) }}{%- endif %}" +
        "{%- if message.content == 'bloat' %}{%- for i in range(100000) %}{%- for j in range(100000) %}{{- 'xxxxxxxx' }}{%- endfor %}{%- endfor %}{%- endif %}" +
        "{{- '<|im_start|>' + message.role + '\\n' + (message.content or '') }}" +
        "{%- for call in message.tool_calls or [] %}{{- '<tool_call>' + (call.function | tojson) + '</tool_call>' }}{%- endfor %}" +
        "{{- '<|im_end|>\\n' }}{%- endfor %}" +
        "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}";

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("EDGEROUTER_FUZZ_SEED"), out var seed) ? seed : DefaultSeed;

    [Fact]
    public async Task RealModelWithToolTemplate_HostileAgentRequests_ShapedAnswers_NoLeakedSlot_StillServes()
    {
        var directory = Directory.CreateTempSubdirectory("edgerouter-agent-fuzz-").FullName;
        try
        {
            var model = Path.Combine(directory, "agent.gguf");
            ModelGenerator.Generate(new ModelSpec { Shape = ModelShape.Tiny, TensorType = GgufTensorType.Q8_0, Seed = 7, ChatTemplate = Template }, model);
            await using var router = await TestRouter.StartAsync(new TestRouterOptions
            {
                LlamaEngine = true,
                Args = ["--model", model, "--ctx", "2048", "--queue-length", "4"],
                WaitUntilReady = false,
            });
            await router.Router.ModelLoad.WaitAsync(TimeSpan.FromSeconds(60));

            var generator = new HostileAgentBody(Seed);
            var requests = Enumerable.Range(0, 300).Select(_ => generator.Next()).ToList();
            var statuses = await HostileAnswer.AllAcceptableAsync(router.Client, Seed, requests, parallelism: 2,
                serverErrorAllowed: body => body.Contains("chat template failed", StringComparison.Ordinal)
                    && body.Contains("render budget", StringComparison.Ordinal));
            // The mix reached all three outcomes: answers, refusals, and sprung template traps.
            Assert.True(statuses.GetValueOrDefault(200) > 0 && statuses.GetValueOrDefault(400) > 0 && statuses.GetValueOrDefault(500) > 0,
                string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}")));

            await BusyTests.WaitUntilAsync(() => router.Router.LocalGate!.Snapshot() is { Running: 0, Queued: 0 });
            await HostileRequestTests.AssertServesNormallyAsync(router.Client);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
