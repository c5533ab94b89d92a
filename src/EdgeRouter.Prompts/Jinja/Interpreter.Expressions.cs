namespace EdgeRouter.Prompts.Jinja;

/// <summary>Expression evaluation.</summary>
internal sealed partial class Interpreter
{
    public JinjaValue Evaluate(Expr expr, Scope scope)
    {
        Step();
        Enter();
        try
        {
            return expr switch
            {
                LiteralExpr literal => literal.Value,
                NameExpr name => scope.Lookup(name.Name),
                ListExpr list => new JinjaList(list.Items.Select(item => Evaluate(item, scope)).ToList()),
                DictExpr dict => EvaluateDict(dict, scope),
                AttributeExpr attribute => Access.Attribute(Evaluate(attribute.Target, scope), attribute.Name),
                IndexExpr index => Access.Index(Evaluate(index.Target, scope), Evaluate(index.Index, scope)),
                SliceExpr slice => EvaluateSlice(slice, scope),
                CallExpr call => EvaluateCall(call, scope),
                FilterExpr filter => ApplyFilter(filter, Evaluate(filter.Target!, scope), scope),
                TestExpr test => EvaluateTest(test, scope),
                UnaryExpr unary => EvaluateUnary(unary, scope),
                BinaryExpr binary => EvaluateBinary(binary, scope),
                ConditionalExpr conditional => Evaluate(conditional.Condition, scope).IsTruthy
                    ? Evaluate(conditional.Then, scope)
                    : conditional.Else is { } otherwise ? Evaluate(otherwise, scope) : JinjaValue.Undefined,
                _ => throw new JinjaRuntimeException($"unknown expression at line {expr.Line}"),
            };
        }
        finally
        {
            Exit();
        }
    }

    private JinjaDict EvaluateDict(DictExpr expr, Scope scope)
    {
        var dict = new JinjaDict();
        foreach (var (key, value) in expr.Pairs)
        {
            dict.Items[Evaluate(key, scope).AsString()] = Evaluate(value, scope);
        }

        return dict;
    }

    private JinjaValue EvaluateSlice(SliceExpr slice, Scope scope)
    {
        var target = Evaluate(slice.Target, scope);
        long? Bound(Expr? e) => e is null ? null : Evaluate(e, scope) switch
        {
            JinjaInt i => i.Value,
            JinjaNone => null,
            var other => throw new JinjaRuntimeException($"line {slice.Line}: slice bounds must be integers, not {other.TypeName}"),
        };

        return Access.Slice(this, target, Bound(slice.Start), Bound(slice.Stop), Bound(slice.Step));
    }

    public CallArguments EvaluateArguments(Arguments arguments, Scope scope)
    {
        var positional = arguments.Positional.Select(a => Evaluate(a, scope)).ToList();
        var named = arguments.Named.Select(n => KeyValuePair.Create(n.Name, Evaluate(n.Value, scope))).ToList();
        return new CallArguments(positional, named);
    }

    private JinjaValue EvaluateCall(CallExpr call, Scope scope)
    {
        // obj.method(...): the value's own methods (str.strip, dict.items, ...) come before a key of that name.
        if (call.Callee is AttributeExpr attribute)
        {
            var target = Evaluate(attribute.Target, scope);
            var arguments = EvaluateArguments(call.Arguments, scope);
            if (target is JinjaDict dict && dict.Items.TryGetValue(attribute.Name, out var member) && member is JinjaCallable bound)
            {
                return bound.Invoke(arguments);
            }

            if (Methods.TryCall(this, target, attribute.Name, arguments, out var result))
            {
                return result;
            }

            return Invoke(Access.Attribute(target, attribute.Name), arguments, attribute.Name, call.Line);
        }

        var callee = Evaluate(call.Callee, scope);
        var name = call.Callee is NameExpr n ? n.Name : "expression";
        return Invoke(callee, EvaluateArguments(call.Arguments, scope), name, call.Line);
    }

    private static JinjaValue Invoke(JinjaValue callee, CallArguments arguments, string name, int line) =>
        callee is JinjaCallable callable
            ? callable.Invoke(arguments)
            : throw new JinjaRuntimeException($"line {line}: '{name}' is {(callee is JinjaUndefined ? "undefined" : "not callable")}");

    private JinjaValue ApplyFilter(FilterExpr filter, JinjaValue value, Scope scope) =>
        Filters.Apply(this, filter.Name, value, EvaluateArguments(filter.Arguments, scope), filter.Line);

    private JinjaValue EvaluateTest(TestExpr test, Scope scope)
    {
        var value = Evaluate(test.Target, scope);
        var result = TestFunctions.Apply(test.Name, value, EvaluateArguments(test.Arguments, scope), test.Line);
        return JinjaValue.From(result != test.Negated);
    }

    private JinjaValue EvaluateUnary(UnaryExpr unary, Scope scope)
    {
        var value = Evaluate(unary.Operand, scope);
        return unary.Operator switch
        {
            "not" => JinjaValue.From(!value.IsTruthy),
            "-" => value switch
            {
                JinjaInt i => new JinjaInt(checked(-i.Value)),
                JinjaFloat f => new JinjaFloat(-f.Value),
                _ => throw new JinjaRuntimeException($"line {unary.Line}: cannot negate a {value.TypeName}"),
            },
            _ => value is JinjaInt or JinjaFloat ? value : throw new JinjaRuntimeException($"line {unary.Line}: bad operand for unary +"),
        };
    }

    private JinjaValue EvaluateBinary(BinaryExpr binary, Scope scope)
    {
        var left = Evaluate(binary.Left, scope);
        switch (binary.Operator)
        {
            case "and":
                return left.IsTruthy ? Evaluate(binary.Right, scope) : left;
            case "or":
                return left.IsTruthy ? left : Evaluate(binary.Right, scope);
        }

        var right = Evaluate(binary.Right, scope);
        return Operators.Binary(this, binary.Operator, left, right, binary.Line);
    }
}
