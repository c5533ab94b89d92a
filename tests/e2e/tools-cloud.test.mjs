// Tools and structured output through a cloud tier: the router's `cloud` section names a fake OpenAI-compatible
// upstream on loopback that answers from a script (tool calls when offered tools, the final answer after a tool
// result, JSON when asked for it) and records every request body it receives. The same third-party clients as the
// local suite drive both surfaces; the upstream must see what they sent unchanged, and they must get its calls back
// in their own surface's shape.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { Ollama } from 'ollama';
import { ChatOpenAI } from '@langchain/openai';
import { ChatOllama } from '@langchain/ollama';
import { tool as langchainTool } from '@langchain/core/tools';
import { HumanMessage, ToolMessage } from '@langchain/core/messages';
import { generateObject, generateText, stepCountIs, tool as aiTool } from 'ai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createOllama } from 'ollama-ai-provider-v2';
import { startRouter } from './router.mjs';
import { cityAnswer, cityAnswerSchema, toolResult, weatherArgs, weatherParameters, weatherTool } from './tools.mjs';

const upstreamKey = 'e2e-fake-upstream-key';
const finalAnswer = 'It is 18 degrees and clear in Paris.';
const weatherCalls = [{ city: 'Paris', unit: 'c' }, { city: 'Lyon', unit: 'f' }];
const city = { name: 'Paris', population: 42 };

// --- the fake upstream ------------------------------------------------------------------------------------------

/** Request bodies the upstream received, newest last. */
const received = [];
let callSerial = 0;

/** The scripted answer: a tool result gets the final answer; offered tools get calls; a response_format gets JSON. */
function script(body) {
  const answered = body.messages.at(-1).role === 'tool';
  if (!answered && body.tools) {
    const calls = weatherCalls.map(a => ({
      id: `call_fake_${++callSerial}`, type: 'function', function: { name: 'get_weather', arguments: JSON.stringify(a) },
    }));
    return { message: { role: 'assistant', content: null, tool_calls: calls }, finish: 'tool_calls' };
  }
  if (!answered && body.response_format) {
    return { message: { role: 'assistant', content: JSON.stringify(city) }, finish: 'stop' };
  }
  return { message: { role: 'assistant', content: finalAnswer }, finish: 'stop' };
}

const usage = { prompt_tokens: 20, completion_tokens: 10, total_tokens: 30 };

/**
 * Streams as OpenAI does: a call's first delta has its id and name, its arguments follow in fragments. The router asks
 * upstreams for a stream even for a client's whole answer (it joins the stream itself), so there is no other shape.
 */
function answerStream(res, body, answer) {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const send = (delta, finish = null) => res.write(`data: ${JSON.stringify({
    id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1, model: body.model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  })}\n\n`);
  send({ role: 'assistant', content: answer.message.content === null ? null : '' });
  if (answer.message.tool_calls) {
    answer.message.tool_calls.forEach((call, index) => {
      send({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] });
      const args = call.function.arguments;
      const cut = Math.floor(args.length / 2);
      for (const fragment of [args.slice(0, cut), args.slice(cut)]) send({ tool_calls: [{ index, function: { arguments: fragment } }] });
    });
  } else {
    const text = answer.message.content;
    const cut = Math.floor(text.length / 2);
    send({ content: text.slice(0, cut) });
    send({ content: text.slice(cut) });
  }
  send({}, answer.finish);
  if (body.stream_options?.include_usage) {
    res.write(`data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1, model: body.model, choices: [], usage })}\n\n`);
  }
  res.end('data: [DONE]\n\n');
}

const upstream = createServer((req, res) => {
  let text = '';
  req.setEncoding('utf8');
  req.on('data', d => { text += d; });
  req.on('end', () => {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(text);
    received.push({ authorization: req.headers.authorization, body });
    answerStream(res, body, script(body));
  });
});

/** The request bodies the upstream received since `mark` (each test takes one first). */
function since(mark) {
  return received.slice(mark).map(r => r.body);
}

// --- the router -------------------------------------------------------------------------------------------------

let router;
let dir;
let openai;
let ollama;

before(async () => {
  await new Promise(resolve => upstream.listen(0, '127.0.0.1', resolve));
  dir = mkdtempSync(join(tmpdir(), 'edgerouter-e2e-cloud-'));
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({
    cloud: {
      upstreams: {
        fake: {
          baseUrl: `http://127.0.0.1:${upstream.address().port}/v1/`,
          model: 'fake-model',
          credential: 'env:EDGEROUTER_E2E_UPSTREAM_KEY',
          paid: false,
          useProxy: false,
        },
      },
    },
  }));
  process.env.EDGEROUTER_E2E_UPSTREAM_KEY = upstreamKey;
  router = await startRouter(['--config', config]);
  openai = new OpenAI({ baseURL: `${router.base}/v1`, apiKey: 'unused-by-the-router', maxRetries: 0 });
  ollama = new Ollama({ host: router.base });
});
after(async () => {
  await router?.stop();
  await new Promise(resolve => upstream.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const question = 'What is the weather in Paris and Lyon?';

function assertWeatherCalls(calls) {
  assert.deepEqual(calls.map(c => c.name), ['get_weather', 'get_weather']);
  assert.deepEqual(calls.map(c => weatherArgs.parse(c.args)), weatherCalls);
}

// --- OpenAI surface ---------------------------------------------------------------------------------------------

test('openai surface: tools, tool_choice, response_format, parallel_tool_calls, seed, stop and unknown fields reach the upstream unchanged', async () => {
  const mark = received.length;
  const sent = {
    model: 'fake',
    messages: [{ role: 'user', content: question }],
    tools: [weatherTool],
    tool_choice: { type: 'function', function: { name: 'get_weather' } },
    parallel_tool_calls: true,
    response_format: { type: 'json_schema', json_schema: { name: 'city', strict: true, schema: cityAnswerSchema } },
    seed: 1234,
    stop: ['END', '\n\n\n'],
    presence_penalty: 0.25,
    frequency_penalty: 0.5,
    x_edge_extension: { nested: [1, 'two', { three: null }], flag: true },
    max_tokens: 64,
  };
  const res = await fetch(`${router.base}/v1/chat/completions`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sent),
  });
  assert.equal(res.status, 200, await res.clone().text());
  assert.equal(res.headers.get('x-edgerouter-tier'), 'fake');
  const answer = await res.json();

  const [got] = since(mark);
  assert.equal(received.at(-1).authorization, `Bearer ${upstreamKey}`);
  assert.equal(got.model, 'fake-model');
  assert.equal(got.stream, true);
  for (const field of ['tools', 'tool_choice', 'parallel_tool_calls', 'response_format', 'seed', 'stop', 'presence_penalty', 'frequency_penalty', 'x_edge_extension']) {
    assert.deepEqual(got[field], sent[field], field);
  }

  const choice = answer.choices[0];
  assert.equal(choice.finish_reason, 'tool_calls');
  assert.deepEqual(choice.message.tool_calls.map(c => c.type), ['function', 'function']);
  for (const call of choice.message.tool_calls) assert.equal(typeof call.function.arguments, 'string');
  assertWeatherCalls(choice.message.tool_calls.map(c => ({ name: c.function.name, args: JSON.parse(c.function.arguments) })));
});

test('openai surface: tool calls, tool results, final answer, whole and streamed', async () => {
  for (const stream of [false, true]) {
    const mark = received.length;
    const messages = [{ role: 'user', content: question }];
    let calls;
    if (stream) {
      const chunks = await openai.chat.completions.create({
        model: 'fake', messages, tools: [weatherTool], tool_choice: 'required', stream: true,
      });
      const joined = [];
      let finish = null;
      for await (const chunk of chunks) {
        for (const choice of chunk.choices) {
          for (const delta of choice.delta?.tool_calls ?? []) {
            joined[delta.index] ??= { id: '', type: '', function: { name: '', arguments: '' } };
            const call = joined[delta.index];
            call.id += delta.id ?? '';
            call.type += delta.type ?? '';
            call.function.name += delta.function?.name ?? '';
            call.function.arguments += delta.function?.arguments ?? '';
          }
          if (choice.finish_reason) finish = choice.finish_reason;
        }
      }
      assert.equal(finish, 'tool_calls');
      calls = joined;
    } else {
      const res = await openai.chat.completions.create({ model: 'fake', messages, tools: [weatherTool], tool_choice: 'required' });
      assert.equal(res.choices[0].finish_reason, 'tool_calls');
      calls = res.choices[0].message.tool_calls;
    }
    assertWeatherCalls(calls.map(c => ({ name: c.function.name, args: JSON.parse(c.function.arguments) })));
    assert.ok(calls.every(c => c.id && c.type === 'function'));

    messages.push({ role: 'assistant', content: null, tool_calls: calls });
    for (const call of calls) messages.push({ role: 'tool', tool_call_id: call.id, content: toolResult });
    const final = await openai.chat.completions.create({ model: 'fake', messages, tools: [weatherTool] });
    assert.equal(final.choices[0].finish_reason, 'stop');
    assert.equal(final.choices[0].message.content, finalAnswer);

    const history = since(mark).at(-1).messages;
    assert.deepEqual(history.at(-3).tool_calls.map(c => [c.id, c.function.name, JSON.parse(c.function.arguments)]),
      calls.map(c => [c.id, 'get_weather', JSON.parse(c.function.arguments)]));
    assert.deepEqual(history.slice(-2).map(m => [m.role, m.tool_call_id, m.content]),
      calls.map(c => ['tool', c.id, toolResult]));
  }
});

test('openai surface: json_schema structured answer', async () => {
  const res = await openai.chat.completions.create({
    model: 'fake', messages: [{ role: 'user', content: 'Name a city.' }],
    response_format: { type: 'json_schema', json_schema: { name: 'city', strict: true, schema: cityAnswerSchema } },
  });
  assert.deepEqual(cityAnswer.parse(JSON.parse(res.choices[0].message.content)), city);
});

// --- Ollama surface ---------------------------------------------------------------------------------------------

const ollamaTools = [{ type: 'function', function: { name: 'get_weather', description: 'Current weather in a city', parameters: weatherParameters } }];

for (const stream of [false, true]) {
  test(`ollama surface: tool calls as objects, tool results, final answer (${stream ? 'stream' : 'non-stream'})`, async () => {
    const mark = received.length;
    const messages = [{ role: 'user', content: question }];
    const chat = async request => {
      if (!stream) return ollama.chat({ ...request, stream: false });
      let content = '';
      let toolCalls = [];
      let last;
      for await (const part of await ollama.chat({ ...request, stream: true })) {
        content += part.message.content;
        toolCalls = toolCalls.concat(part.message.tool_calls ?? []);
        last = part;
      }
      return { ...last, message: { role: 'assistant', content, tool_calls: toolCalls } };
    };

    const first = await chat({ model: 'fake', messages, tools: ollamaTools });
    assert.equal(first.done, true);
    const calls = first.message.tool_calls;
    for (const call of calls) assert.equal(typeof call.function.arguments, 'object');
    assertWeatherCalls(calls.map(c => ({ name: c.function.name, args: c.function.arguments })));
    assert.deepEqual(since(mark)[0].tools, ollamaTools);

    messages.push({ role: 'assistant', content: '', tool_calls: calls });
    for (const call of calls) messages.push({ role: 'tool', content: toolResult, tool_name: call.function.name });
    const final = await chat({ model: 'fake', messages, tools: ollamaTools });
    assert.equal(final.done, true);
    assert.equal(final.done_reason, 'stop');
    assert.equal(final.message.content, finalAnswer);

    // The upstream gets the history in OpenAI's shape: string arguments, each result answering its call's id.
    const history = since(mark).at(-1).messages;
    const sentCalls = history.at(-3).tool_calls;
    assert.deepEqual(sentCalls.map(c => JSON.parse(c.function.arguments)), weatherCalls);
    assert.deepEqual(history.slice(-2).map(m => [m.role, m.tool_call_id, m.content]),
      sentCalls.map(c => ['tool', c.id, toolResult]));
  });
}

test('ollama surface: format with a schema reaches the upstream as response_format', async () => {
  const mark = received.length;
  const res = await ollama.chat({ model: 'fake', messages: [{ role: 'user', content: 'Name a city.' }], format: cityAnswerSchema, stream: false });
  assert.deepEqual(cityAnswer.parse(JSON.parse(res.message.content)), city);
  const format = since(mark)[0].response_format;
  assert.equal(format.type, 'json_schema');
  assert.deepEqual(format.json_schema.schema, cityAnswerSchema);
});

// --- LangChain JS -----------------------------------------------------------------------------------------------

const getWeather = langchainTool(async () => toolResult, {
  name: 'get_weather', description: 'Current weather in a city', schema: weatherArgs,
});

async function langchainRoundTrip(model) {
  const history = [new HumanMessage(question)];
  const call = await model.bindTools([getWeather], { tool_choice: 'required' }).invoke(history);
  assertWeatherCalls(call.tool_calls);
  history.push(call);
  for (const toolCall of call.tool_calls) history.push(await getWeather.invoke(toolCall));
  assert.ok(history.at(-1) instanceof ToolMessage);
  const answer = await model.bindTools([getWeather]).invoke(history);
  assert.equal(answer.content, finalAnswer);
  assert.deepEqual(answer.tool_calls, []);
}

test('langchain ChatOpenAI: bindTools, ToolMessage, final answer; withStructuredOutput', async () => {
  const model = new ChatOpenAI({
    model: 'fake', apiKey: 'unused-by-the-router', configuration: { baseURL: `${router.base}/v1` }, maxRetries: 0,
  });
  await langchainRoundTrip(model);
  assert.deepEqual(await model.withStructuredOutput(cityAnswer, { name: 'city' }).invoke('Name a city.'), city);
});

test('langchain ChatOllama: bindTools, ToolMessage, final answer; withStructuredOutput', async () => {
  const model = new ChatOllama({ baseUrl: router.base, model: 'fake' });
  await langchainRoundTrip(model);
  assert.deepEqual(await model.withStructuredOutput(cityAnswer, { name: 'city' }).invoke('Name a city.'), city);
});

// --- Vercel AI SDK ----------------------------------------------------------------------------------------------

const providers = {
  'openai-compatible': () => createOpenAICompatible({
    name: 'edgerouter', baseURL: `${router.base}/v1`, apiKey: 'unused-by-the-router', supportsStructuredOutputs: true,
  }).chatModel('fake'),
  ollama: () => createOllama({ baseURL: `${router.base}/api` })('fake'),
};

for (const [name, model] of Object.entries(providers)) {
  test(`ai sdk (${name}): generateText with tools, their results, final answer`, async () => {
    const executed = [];
    const result = await generateText({
      model: model(),
      prompt: question,
      tools: {
        get_weather: aiTool({
          description: 'Current weather in a city',
          inputSchema: weatherArgs,
          execute: async input => { executed.push(input); return JSON.parse(toolResult); },
        }),
      },
      // The SDK holds every step to its toolChoice, and the step after the results must be free to answer in text.
      prepareStep: ({ stepNumber }) => ({ toolChoice: stepNumber === 0 ? 'required' : 'auto' }),
      stopWhen: stepCountIs(3),
      maxRetries: 0,
    });
    assert.equal(result.steps.length, 2);
    assert.equal(result.steps[0].finishReason, 'tool-calls');
    assert.deepEqual(executed, weatherCalls);
    assert.equal(result.finishReason, 'stop');
    assert.equal(result.text, finalAnswer);
  });

  test(`ai sdk (${name}): generateObject`, async () => {
    const { object } = await generateObject({ model: model(), schema: cityAnswer, prompt: 'Name a city.', maxRetries: 0 });
    assert.deepEqual(object, city);
  });
}
