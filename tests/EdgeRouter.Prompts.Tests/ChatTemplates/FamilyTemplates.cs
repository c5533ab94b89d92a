namespace EdgeRouter.Prompts.Tests.ChatTemplates;

/// <summary>
/// Chat templates written for these tests in the style of each family (the same Jinja features the published
/// templates use: namespace-free loops over messages, tojson with and without indent, set inside loops, slicing,
/// macros, raise_exception, strftime_now), not copies of them.
/// </summary>
internal static class FamilyTemplates
{
    /// <summary>Qwen 2.5 style: ChatML, tools as JSON lines in the system turn, &lt;tool_call&gt; blocks, grouped tool responses.</summary>
    public const string QwenStyle = """
        {%- if tools %}
            {{- '<|im_start|>system\n' }}
            {%- if messages[0].role == 'system' %}
                {{- messages[0].content + '\n\n' }}
            {%- endif %}
            {{- "# Tools\n\nYou may call functions. Signatures inside <tools></tools>:\n<tools>" }}
            {%- for tool in tools %}
                {{- "\n" }}{{- tool | tojson }}
            {%- endfor %}
            {{- "\n</tools>\n\nReturn each call as <tool_call>{\"name\": <name>, \"arguments\": <args>}</tool_call><|im_end|>\n" }}
        {%- elif messages[0].role == 'system' %}
            {{- '<|im_start|>system\n' + messages[0].content + '<|im_end|>\n' }}
        {%- endif %}
        {%- for message in messages %}
            {%- if message.role == 'user' or (message.role == 'system' and not loop.first) or (message.role == 'assistant' and not message.tool_calls) %}
                {{- '<|im_start|>' + message.role + '\n' + message.content + '<|im_end|>\n' }}
            {%- elif message.role == 'assistant' %}
                {{- '<|im_start|>assistant' }}
                {%- if message.content %}{{- '\n' + message.content }}{%- endif %}
                {%- for tool_call in message.tool_calls %}
                    {%- if tool_call.function is defined %}{%- set tool_call = tool_call.function %}{%- endif %}
                    {{- '\n<tool_call>\n{"name": "' + tool_call.name + '", "arguments": ' + tool_call.arguments | tojson + '}\n</tool_call>' }}
                {%- endfor %}
                {{- '<|im_end|>\n' }}
            {%- elif message.role == 'tool' %}
                {%- if loop.index0 == 0 or messages[loop.index0 - 1].role != 'tool' %}{{- '<|im_start|>user' }}{%- endif %}
                {{- '\n<tool_response>\n' + message.content + '\n</tool_response>' }}
                {%- if loop.last or messages[loop.index0 + 1].role != 'tool' %}{{- '<|im_end|>\n' }}{%- endif %}
            {%- endif %}
        {%- endfor %}
        {%- if add_generation_prompt %}{{- '<|im_start|>assistant\n' }}{%- endif %}
        """;

    /// <summary>Llama 3.1 style: header ids, today's date, tools as indented JSON, "parameters" calls, ipython results.</summary>
    public const string Llama31Style = """
        {{- bos_token }}
        {%- if not date_string is defined %}{%- set date_string = strftime_now("%d %b %Y") %}{%- endif %}
        {%- if messages[0].role == 'system' %}
            {%- set system_message = messages[0].content | trim %}
            {%- set messages = messages[1:] %}
        {%- else %}
            {%- set system_message = "" %}
        {%- endif %}
        {{- "<|start_header_id|>system<|end_header_id|>\n\n" }}
        {%- if tools is not none %}{{- "Environment: ipython\n" }}{%- endif %}
        {{- "Today Date: " + date_string + "\n\n" }}
        {%- if tools is not none %}
            {{- "Answer a function call as JSON {\"name\": function name, \"parameters\": arguments}.\n\n" }}
            {%- for t in tools %}
                {{- t | tojson(indent=4) }}
                {{- "\n\n" }}
            {%- endfor %}
        {%- endif %}
        {{- system_message }}
        {{- "<|eot_id|>" }}
        {%- for message in messages %}
            {%- if not (message.role == 'ipython' or message.role == 'tool' or 'tool_calls' in message) %}
                {{- '<|start_header_id|>' + message.role + '<|end_header_id|>\n\n' + message.content | trim + '<|eot_id|>' }}
            {%- elif 'tool_calls' in message %}
                {%- if message.tool_calls | length != 1 %}{{- raise_exception("Only single tool calls are supported.") }}{%- endif %}
                {%- set tool_call = message.tool_calls[0].function %}
                {{- '<|start_header_id|>assistant<|end_header_id|>\n\n' }}
                {{- '{"name": "' + tool_call.name + '", "parameters": ' }}
                {{- tool_call.arguments | tojson }}
                {{- "}<|eot_id|>" }}
            {%- else %}
                {{- "<|start_header_id|>ipython<|end_header_id|>\n\n" }}
                {%- if message.content is mapping or message.content is iterable and message.content is not string %}
                    {{- message.content | tojson }}
                {%- else %}
                    {{- message.content }}
                {%- endif %}
                {{- "<|eot_id|>" }}
            {%- endif %}
        {%- endfor %}
        {%- if add_generation_prompt %}{{- '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{%- endif %}
        """;

    /// <summary>Mistral style: [INST], tools before the last user turn, [TOOL_CALLS] with 9-character ids, [TOOL_RESULTS].</summary>
    public const string MistralStyle = """
        {%- if messages[0].role == 'system' %}
            {%- set system_message = messages[0].content %}
            {%- set loop_messages = messages[1:] %}
        {%- else %}
            {%- set loop_messages = messages %}
        {%- endif %}
        {%- set user_messages = loop_messages | selectattr('role', 'equalto', 'user') | list %}
        {{- bos_token }}
        {%- for message in loop_messages %}
            {%- if message.role == 'user' %}
                {%- if tools is not none and message == user_messages[-1] %}
                    {{- '[AVAILABLE_TOOLS] [' }}
                    {%- for tool in tools %}
                        {{- tool | tojson }}
                        {%- if not loop.last %}{{- ', ' }}{%- endif %}
                    {%- endfor %}
                    {{- '][/AVAILABLE_TOOLS]' }}
                {%- endif %}
                {%- if loop.last and system_message is defined %}
                    {{- '[INST] ' + system_message + '\n\n' + message.content + '[/INST]' }}
                {%- else %}
                    {{- '[INST] ' + message.content + '[/INST]' }}
                {%- endif %}
            {%- elif message.tool_calls is defined and message.tool_calls is not none %}
                {{- '[TOOL_CALLS] [' }}
                {%- for tool_call in message.tool_calls %}
                    {%- set out = tool_call.function | tojson %}
                    {%- if tool_call.id is not defined or tool_call.id | length != 9 %}
                        {{- raise_exception('Tool call ids must be 9 alphanumeric characters') }}
                    {%- endif %}
                    {{- out[:-1] + ', "id": "' + tool_call.id + '"}' }}
                    {%- if not loop.last %}{{- ', ' }}{%- else %}{{- ']' + eos_token }}{%- endif %}
                {%- endfor %}
            {%- elif message.role == 'tool' %}
                {{- '[TOOL_RESULTS] {"content": ' + message.content | tojson + ', "call_id": "' + message.tool_call_id + '"}[/TOOL_RESULTS]' }}
            {%- elif message.role == 'assistant' %}
                {{- ' ' + message.content + eos_token }}
            {%- else %}
                {{- raise_exception('Only user, assistant and tool roles are supported after the system message') }}
            {%- endif %}
        {%- endfor %}
        """;

    /// <summary>Hermes 2 Pro style: function signatures built by a macro, calls and responses as JSON in tags.</summary>
    public const string HermesStyle = """
        {%- macro param_list(schema) -%}
            {%- for name, spec in schema.properties | items -%}
                {{- name + ': ' + spec.type -}}
                {%- if name in schema.required | default([]) %}{{ ' (required)' }}{% endif -%}
                {%- if not loop.last %}{{ ', ' }}{% endif -%}
            {%- endfor -%}
        {%- endmacro -%}
        {{- bos_token -}}
        {%- if tools -%}
            {{- '<|im_start|>system\nYou are a function calling AI model. Functions:\n<tools>\n' -}}
            {%- for tool in tools -%}
                {%- set fn = tool.function if tool.function is defined else tool -%}
                {{- fn.name + '(' + param_list(fn.parameters) + ') - ' + fn.description | default('') + '\n' -}}
            {%- endfor -%}
            {{- '</tools>\nCall with <tool_call>{"name": ..., "arguments": ...}</tool_call><|im_end|>\n' -}}
        {%- endif -%}
        {%- for message in messages -%}
            {%- if message.role == 'assistant' and message.tool_calls is defined -%}
                {{- '<|im_start|>assistant\n' -}}
                {%- for tool_call in message.tool_calls -%}
                    {{- '<tool_call>\n' + {'name': tool_call.function.name, 'arguments': tool_call.function.arguments} | tojson + '\n</tool_call>\n' -}}
                {%- endfor -%}
                {{- '<|im_end|>\n' -}}
            {%- elif message.role == 'tool' -%}
                {{- '<|im_start|>tool\n<tool_response>\n' + {'name': message.name, 'content': message.content} | tojson + '\n</tool_response><|im_end|>\n' -}}
            {%- else -%}
                {{- '<|im_start|>' + message.role + '\n' + message.content + '<|im_end|>\n' -}}
            {%- endif -%}
        {%- endfor -%}
        {%- if add_generation_prompt -%}{{- '<|im_start|>assistant\n' -}}{%- endif -%}
        """;

    /// <summary>
    /// Qwen3-Coder style: tools as XML in the system turn (a macro prints the schema keys it did not handle, filtered
    /// loops, mapping/sequence tests, "~" joins, tojson | safe), calls as &lt;function=&gt;/&lt;parameter=&gt; blocks from the
    /// arguments' items, and consecutive tool results grouped with loop.previtem/loop.nextitem.
    /// </summary>
    public const string Qwen3CoderStyle = """
        {%- macro extra_keys(dict, handled) %}
            {%- if dict is mapping %}
                {%- for key in dict if key not in handled %}
                    {%- if dict[key] is mapping or (dict[key] is sequence and dict[key] is not string) %}
                        {{- '\n<' ~ key ~ '>' ~ (dict[key] | tojson | safe) ~ '</' ~ key ~ '>' }}
                    {%- else %}
                        {{- '\n<' ~ key ~ '>' ~ (dict[key] | string) ~ '</' ~ key ~ '>' }}
                    {%- endif %}
                {%- endfor %}
            {%- endif %}
        {%- endmacro %}
        {%- if messages[0].role == "system" %}
            {%- set system_message = messages[0].content %}
            {%- set loop_messages = messages[1:] %}
        {%- else %}
            {%- set loop_messages = messages %}
        {%- endif %}
        {%- if not tools is defined %}{%- set tools = [] %}{%- endif %}
        {%- if system_message is defined %}
            {{- "<|im_start|>system\n" + system_message }}
        {%- elif tools is iterable and tools | length > 0 %}
            {{- "<|im_start|>system\nYou are a coding assistant." }}
        {%- endif %}
        {%- if tools is iterable and tools | length > 0 %}
            {{- "\n\n# Tools\n\n<tools>" }}
            {%- for tool in tools %}
                {%- if tool.function is defined %}{%- set tool = tool.function %}{%- endif %}
                {{- "\n<function>\n<name>" ~ tool.name ~ "</name>" }}
                {%- if tool.description is defined %}{{- '\n<description>' ~ (tool.description | trim) ~ '</description>' }}{%- endif %}
                {{- '\n<parameters>' }}
                {%- for name, fields in tool.parameters.properties | items %}
                    {{- '\n<parameter>\n<name>' ~ name ~ '</name>' }}
                    {%- if fields.type is defined %}{{- '\n<type>' ~ (fields.type | string) ~ '</type>' }}{%- endif %}
                    {{- extra_keys(fields, ['name', 'type', 'description']) }}
                    {{- '\n</parameter>' }}
                {%- endfor %}
                {{- extra_keys(tool.parameters, ['type', 'properties']) }}
                {{- '\n</parameters>\n</function>' }}
            {%- endfor %}
            {{- "\n</tools>\n\nCall a function ONLY like this:\n<tool_call>\n<function=name>\n<parameter=arg>\nvalue\n</parameter>\n</function>\n</tool_call>" }}
        {%- endif %}
        {%- if system_message is defined or tools | length > 0 %}{{- '<|im_end|>\n' }}{%- endif %}
        {%- for message in loop_messages %}
            {%- if message.role == "assistant" and message.tool_calls is defined and message.tool_calls | length > 0 %}
                {{- '<|im_start|>assistant' }}
                {%- if message.content is string and message.content | trim %}{{- '\n' + message.content | trim }}{%- endif %}
                {%- for tool_call in message.tool_calls %}
                    {%- if tool_call.function is defined %}{%- set tool_call = tool_call.function %}{%- endif %}
                    {{- '\n<tool_call>\n<function=' + tool_call.name + '>\n' }}
                    {%- for arg_name, arg_value in tool_call.arguments | items %}
                        {%- set arg_value = arg_value | tojson | safe if arg_value is mapping or (arg_value is sequence and arg_value is not string) else arg_value | string %}
                        {{- '<parameter=' + arg_name + '>\n' + arg_value + '\n</parameter>\n' }}
                    {%- endfor %}
                    {{- '</function>\n</tool_call>' }}
                {%- endfor %}
                {{- '<|im_end|>\n' }}
            {%- elif message.role == "tool" %}
                {%- if loop.previtem and loop.previtem.role != "tool" %}{{- '<|im_start|>user\n' }}{%- endif %}
                {{- '<tool_response>\n' + message.content + '\n</tool_response>\n' }}
                {%- if loop.last or loop.nextitem.role != "tool" %}{{- '<|im_end|>\n' }}{%- endif %}
            {%- else %}
                {{- '<|im_start|>' + message.role + '\n' + message.content + '<|im_end|>\n' }}
            {%- endif %}
        {%- endfor %}
        {%- if add_generation_prompt %}{{- '<|im_start|>assistant\n' }}{%- endif %}
        """;

    /// <summary>Plain ChatML without tools (what generated test models carry).</summary>
    public const string ChatMl =
        "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}" +
        "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
}
