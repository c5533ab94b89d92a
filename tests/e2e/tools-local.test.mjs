// Tool round trips and structured answers on the local tier, driven by third-party clients nobody here wrote: the
// official openai and ollama packages, LangChain JS and the Vercel AI SDK. The model has random weights and never
// chooses a tool by itself, so calls are forced (tool_choice required or a named function), which the server
// grammar-constrains to the tool's schema; whatever the model says after the tool result is accepted as long as it
// arrives as a well-formed final answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { Ollama } from 'ollama';
import { ChatOpenAI } from '@langchain/openai';
import { ChatOllama } from '@langchain/ollama';
import { tool as langchainTool } from '@langchain/core/tools';
import { AIMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { generateObject, generateText, stepCountIs, tool as aiTool } from 'ai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createOllama } from 'ollama-ai-provider-v2';
import { startRouter } from './router.mjs';
import {
  cityAnswer, cityAnswerSchema, toolResult, toolTemplate, weatherArgs, weatherParameters, weatherTool,
} from './tools.mjs';

// A forced call on this model takes about 150 tokens (the grammar allows pretty-printing whitespace); the bound only
// has to let the call close. Answers after a tool result are cut short: any text will do.
const callTokens = 400;
const answerTokens = 16;
const question = 'What is the weather in Paris?';

let router;
let openai;
let ollama;

before(async () => {
  router = await startRouter([], { chatTemplate: toolTemplate });
  openai = new OpenAI({ baseURL: `${router.base}/v1`, apiKey: 'unused-by-local-tier', maxRetries: 0 });
  ollama = new Ollama({ host: router.base });
});
after(async () => { await router?.stop(); });

const finished = reason => ['stop', 'length'].includes(reason);

test('openai: forced call, tool result, final answer', async () => {
  const messages = [{ role: 'user', content: question }];
  const first = await openai.chat.completions.create({
    model: 'local', messages, tools: [weatherTool], tool_choice: 'required', max_tokens: callTokens, temperature: 0,
  });
  const choice = first.choices[0];
  assert.equal(choice.finish_reason, 'tool_calls');
  assert.ok(choice.message.tool_calls.length >= 1);
  for (const call of choice.message.tool_calls) {
    assert.equal(call.type, 'function');
    assert.equal(call.function.name, 'get_weather');
    assert.equal(typeof call.function.arguments, 'string');
    weatherArgs.parse(JSON.parse(call.function.arguments));
    assert.ok(call.id);
  }

  messages.push(choice.message, ...choice.message.tool_calls.map(c => ({ role: 'tool', tool_call_id: c.id, content: toolResult })));
  const second = await openai.chat.completions.create({
    model: 'local', messages, tools: [weatherTool], max_tokens: answerTokens, temperature: 0,
  });
  assert.ok(finished(second.choices[0].finish_reason));
  assert.equal(typeof second.choices[0].message.content, 'string');
  assert.ok(second.usage.prompt_tokens > first.usage.prompt_tokens);
});

test('openai: streamed named call, streamed final answer', async () => {
  const messages = [{ role: 'user', content: question }];
  const stream = await openai.chat.completions.create({
    model: 'local', messages, tools: [weatherTool], tool_choice: { type: 'function', function: { name: 'get_weather' } },
    max_tokens: callTokens, temperature: 0, stream: true,
  });
  const calls = [];
  let finish = null;
  for await (const chunk of stream) {
    for (const choice of chunk.choices) {
      for (const delta of choice.delta?.tool_calls ?? []) {
        calls[delta.index] ??= { id: '', name: '', arguments: '' };
        const call = calls[delta.index];
        call.id += delta.id ?? '';
        call.name += delta.function?.name ?? '';
        call.arguments += delta.function?.arguments ?? '';
      }
      if (choice.finish_reason) finish = choice.finish_reason;
    }
  }
  assert.equal(finish, 'tool_calls');
  assert.equal(calls.length, 1);
  assert.equal(calls[0].name, 'get_weather');
  weatherArgs.parse(JSON.parse(calls[0].arguments));

  messages.push(
    { role: 'assistant', content: null, tool_calls: [{ id: calls[0].id, type: 'function', function: { name: calls[0].name, arguments: calls[0].arguments } }] },
    { role: 'tool', tool_call_id: calls[0].id, content: toolResult },
  );
  const answer = await openai.chat.completions.create({
    model: 'local', messages, tools: [weatherTool], max_tokens: answerTokens, temperature: 0, stream: true,
  });
  finish = null;
  for await (const chunk of answer) {
    for (const choice of chunk.choices) {
      assert.equal(choice.delta?.tool_calls, undefined);
      if (choice.finish_reason) finish = choice.finish_reason;
    }
  }
  assert.ok(finished(finish));
});

test('openai: json_schema structured answer', async () => {
  const res = await openai.chat.completions.create({
    model: 'local', messages: [{ role: 'user', content: 'Name a city.' }], max_tokens: callTokens, temperature: 0,
    response_format: { type: 'json_schema', json_schema: { name: 'city', strict: true, schema: cityAnswerSchema } },
  });
  assert.equal(res.choices[0].finish_reason, 'stop');
  cityAnswer.parse(JSON.parse(res.choices[0].message.content));
});

// Ollama's API has no tool_choice, so the call in the history is the one the OpenAI surface forced on this model:
// the Ollama client sends it back with arguments as an object, then the tool result.
let forced;
function forcedCall() {
  forced ??= forceCall();
  return forced;
}

async function forceCall() {
  const res = await openai.chat.completions.create({
    model: 'local', messages: [{ role: 'user', content: question }], tools: [weatherTool], tool_choice: 'required',
    max_tokens: callTokens, temperature: 0,
  });
  const call = res.choices[0].message.tool_calls[0];
  return { name: call.function.name, arguments: weatherArgs.parse(JSON.parse(call.function.arguments)) };
}

for (const stream of [false, true]) {
  test(`ollama: call and tool result in the history, final answer (${stream ? 'stream' : 'non-stream'})`, async () => {
    const call = await forcedCall();
    const request = {
      model: 'local',
      messages: [
        { role: 'user', content: question },
        { role: 'assistant', content: '', tool_calls: [{ function: call }] },
        { role: 'tool', content: toolResult, tool_name: call.name },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Current weather in a city', parameters: weatherParameters } }],
      options: { temperature: 0, num_predict: answerTokens },
    };
    if (stream) {
      let last = null;
      for await (const part of await ollama.chat({ ...request, stream: true })) last = part;
      assert.equal(last.done, true);
      assert.ok(finished(last.done_reason));
    } else {
      const res = await ollama.chat({ ...request, stream: false });
      assert.equal(res.done, true);
      assert.ok(finished(res.done_reason));
      assert.equal(typeof res.message.content, 'string');
    }
  });
}

test('ollama: format with a schema', async () => {
  const res = await ollama.chat({
    model: 'local', messages: [{ role: 'user', content: 'Name a city.' }], format: cityAnswerSchema, stream: false,
    options: { temperature: 0, num_predict: callTokens },
  });
  assert.equal(res.done_reason, 'stop');
  cityAnswer.parse(JSON.parse(res.message.content));
});

const getWeather = langchainTool(async () => toolResult, {
  name: 'get_weather', description: 'Current weather in a city', schema: weatherArgs,
});

const chatOpenAI = maxTokens => new ChatOpenAI({
  model: 'local', apiKey: 'unused-by-local-tier', configuration: { baseURL: `${router.base}/v1` },
  temperature: 0, maxTokens, maxRetries: 0,
});

test('langchain ChatOpenAI: bindTools forced call, ToolMessage, final answer', async () => {
  const history = [new HumanMessage(question)];
  const call = await chatOpenAI(callTokens).bindTools([getWeather], { tool_choice: 'get_weather' }).invoke(history);
  assert.equal(call.tool_calls.length, 1);
  assert.equal(call.tool_calls[0].name, 'get_weather');
  weatherArgs.parse(call.tool_calls[0].args);
  assert.equal(call.response_metadata.finish_reason, 'tool_calls');

  history.push(call, await getWeather.invoke(call.tool_calls[0]));
  assert.ok(history[2] instanceof ToolMessage);
  const answer = await chatOpenAI(answerTokens).bindTools([getWeather]).invoke(history);
  assert.equal(typeof answer.content, 'string');
  assert.ok(finished(answer.response_metadata.finish_reason));
});

test('langchain ChatOpenAI: withStructuredOutput', async () => {
  const city = await chatOpenAI(callTokens).withStructuredOutput(cityAnswer, { name: 'city' }).invoke('Name a city.');
  cityAnswer.parse(city);
});

test('langchain ChatOllama: bindTools, AIMessage call and ToolMessage, final answer', async () => {
  const model = new ChatOllama({ baseUrl: router.base, model: 'local', temperature: 0, numPredict: answerTokens });
  const call = await forcedCall();
  const answer = await model.bindTools([getWeather]).invoke([
    new HumanMessage(question),
    new AIMessage({ content: '', tool_calls: [{ id: 'call_1', name: call.name, args: call.arguments, type: 'tool_call' }] }),
    new ToolMessage({ tool_call_id: 'call_1', content: toolResult }),
  ]);
  assert.equal(typeof answer.content, 'string');
  assert.ok(finished(answer.response_metadata.done_reason));
});

test('langchain ChatOllama: withStructuredOutput', async () => {
  const model = new ChatOllama({ baseUrl: router.base, model: 'local', temperature: 0, numPredict: callTokens });
  const city = await model.withStructuredOutput(cityAnswer, { name: 'city' }).invoke('Name a city.');
  cityAnswer.parse(city);
});

const compatible = () => createOpenAICompatible({
  name: 'edgerouter', baseURL: `${router.base}/v1`, apiKey: 'unused-by-local-tier', supportsStructuredOutputs: true,
});

test('ai sdk: generateText with a forced tool, its result, final answer', async () => {
  const executed = [];
  const result = await generateText({
    model: compatible().chatModel('local'),
    prompt: question,
    tools: {
      get_weather: aiTool({
        description: 'Current weather in a city',
        inputSchema: weatherArgs,
        execute: async input => { executed.push(input); return JSON.parse(toolResult); },
      }),
    },
    // Forced only on the first step: forcing the second as well would ask for another call instead of the answer.
    prepareStep: ({ stepNumber }) => (stepNumber === 0
      ? { toolChoice: { type: 'tool', toolName: 'get_weather' } }
      : { toolChoice: 'none' }),
    stopWhen: stepCountIs(2),
    temperature: 0,
    maxOutputTokens: callTokens,
    maxRetries: 0,
  });
  assert.equal(result.steps.length, 2);
  assert.equal(result.steps[0].finishReason, 'tool-calls');
  assert.equal(result.steps[0].toolCalls.length, 1);
  weatherArgs.parse(result.steps[0].toolCalls[0].input);
  assert.deepEqual(executed, [result.steps[0].toolCalls[0].input]);
  assert.ok(['stop', 'length'].includes(result.finishReason));
  assert.equal(typeof result.text, 'string');
});

test('ai sdk: generateObject through the OpenAI-compatible provider', async () => {
  const { object } = await generateObject({
    model: compatible().chatModel('local'), schema: cityAnswer, prompt: 'Name a city.',
    temperature: 0, maxOutputTokens: callTokens, maxRetries: 0,
  });
  cityAnswer.parse(object);
});

test('ai sdk: generateObject through the Ollama provider', async () => {
  const ollamaProvider = createOllama({ baseURL: `${router.base}/api` });
  const { object } = await generateObject({
    model: ollamaProvider('local'), schema: cityAnswer, prompt: 'Name a city.',
    temperature: 0, maxOutputTokens: callTokens, maxRetries: 0,
  });
  cityAnswer.parse(object);
});
