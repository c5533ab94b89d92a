using System.Runtime.CompilerServices;
using System.Text;

namespace EdgeRouter.Prompts.Jinja;

/// <summary>
/// Runs a parsed template once. Every statement, expression, loop iteration and large allocation is charged to
/// the <see cref="RenderBudget"/>; depth is checked against both the budget and the real stack.
/// </summary>
internal sealed partial class Interpreter
{
    private readonly RenderBudget _budget;
    private StringBuilder _out = new();
    private long _steps;
    private long _written;
    private int _depth;

    public Interpreter(RenderBudget budget) => _budget = budget;

    public RenderBudget Budget => _budget;

    public string Render(IReadOnlyList<Node> template, Scope globals)
    {
        var scope = new Scope(globals);
        Execute(template, scope);
        return _out.ToString();
    }

    public void Step(long cost = 1)
    {
        _steps += cost;
        if (_steps > _budget.MaxSteps)
        {
            throw new JinjaBudgetExceededException($"more than {_budget.MaxSteps} steps");
        }
    }

    /// <summary>Charges a built string or list of <paramref name="length"/> items, refusing oversized ones.</summary>
    public void Charge(long length)
    {
        if (length > _budget.MaxCollectionLength)
        {
            throw new JinjaBudgetExceededException($"a value longer than {_budget.MaxCollectionLength}");
        }

        Step(1 + (length >> 6));
    }

    private void Write(string text)
    {
        _written += text.Length;
        if (_written > _budget.MaxOutputChars)
        {
            throw new JinjaBudgetExceededException($"more than {_budget.MaxOutputChars} characters of output");
        }

        _out.Append(text);
    }

    private void Enter()
    {
        if (++_depth > _budget.MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new JinjaBudgetExceededException($"nesting or recursion deeper than {_budget.MaxDepth}");
        }
    }

    private void Exit() => _depth--;

    /// <summary>Renders <paramref name="body"/> into its own buffer (macro calls, set blocks, filter blocks).</summary>
    private string Capture(IReadOnlyList<Node> body, Scope scope)
    {
        var saved = _out;
        _out = new StringBuilder();
        try
        {
            Execute(body, scope);
            return _out.ToString();
        }
        finally
        {
            _out = saved;
        }
    }
}
