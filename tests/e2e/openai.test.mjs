// The official OpenAI client, unmodified, against a running EdgeRouter.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startRouter } from './router.mjs';

let router;
let client;

before(async () => {
  router = await startRouter();
  client = new OpenAI({ baseURL: `${router.base}/v1`, apiKey: 'unused-by-local-tier', maxRetries: 0 });
});
after(async () => { await router?.stop(); });

const messages = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: 'Say hello.' },
];

test('chat completion, non-stream', async () => {
  const res = await client.chat.completions.create({ model: 'local', messages, max_tokens: 8, temperature: 0 });
  assert.equal(res.object, 'chat.completion');
  assert.equal(res.choices.length, 1);
  assert.equal(res.choices[0].message.role, 'assistant');
  assert.equal(typeof res.choices[0].message.content, 'string');
  assert.ok(['stop', 'length'].includes(res.choices[0].finish_reason));
  assert.ok(res.usage.prompt_tokens > 0);
  assert.ok(res.usage.completion_tokens <= 8);
  assert.equal(res.usage.total_tokens, res.usage.prompt_tokens + res.usage.completion_tokens);
});

test('chat completion, greedy is deterministic', async () => {
  const a = await client.chat.completions.create({ model: 'local', messages, max_tokens: 12, temperature: 0 });
  const b = await client.chat.completions.create({ model: 'local', messages, max_tokens: 12, temperature: 0 });
  assert.equal(a.choices[0].message.content, b.choices[0].message.content);
});

test('chat completion, stream with usage', async () => {
  const stream = await client.chat.completions.create({
    model: 'local', messages, max_tokens: 10, temperature: 0, stream: true, stream_options: { include_usage: true },
  });
  let text = '';
  let finish = null;
  let usage = null;
  let chunks = 0;
  for await (const chunk of stream) {
    chunks++;
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices) {
      text += choice.delta?.content ?? '';
      if (choice.finish_reason) finish = choice.finish_reason;
    }
  }
  assert.ok(chunks >= 2);
  assert.ok(['stop', 'length'].includes(finish));
  assert.ok(usage && usage.completion_tokens <= 10 && usage.prompt_tokens > 0);
  const whole = await client.chat.completions.create({ model: 'local', messages, max_tokens: 10, temperature: 0 });
  assert.equal(text, whole.choices[0].message.content);
});

test('max_tokens reached gives finish_reason length', async () => {
  const res = await client.chat.completions.create({ model: 'local', messages, max_tokens: 1, temperature: 0 });
  assert.ok(['length', 'stop'].includes(res.choices[0].finish_reason));
  assert.ok(res.usage.completion_tokens <= 1);
});

test('legacy completions', async () => {
  const res = await client.completions.create({ model: 'local', prompt: 'Once upon a time', max_tokens: 6, temperature: 0 });
  assert.equal(res.object, 'text_completion');
  assert.equal(typeof res.choices[0].text, 'string');
  assert.ok(res.usage.completion_tokens <= 6);
});

test('models list and retrieve', async () => {
  const list = await client.models.list();
  const ids = list.data.map(m => m.id);
  assert.ok(ids.length >= 1);
  const one = await client.models.retrieve(ids[0]);
  assert.equal(one.id, ids[0]);
  await assert.rejects(client.models.retrieve('no-such-model'), err => err.status === 404);
});

test('unknown model is a 404 in OpenAI error shape', async () => {
  await assert.rejects(
    client.chat.completions.create({ model: 'no-such-model', messages }),
    err => err.status === 404 && typeof err.error?.message === 'string');
});

test('bad request is a 400 in OpenAI error shape', async () => {
  await assert.rejects(
    client.chat.completions.create({ model: 'local', messages: [], max_tokens: 4 }),
    err => err.status === 400 && typeof err.error?.message === 'string');
  await assert.rejects(
    client.chat.completions.create({ model: 'local', messages, max_tokens: -5 }),
    err => err.status === 400);
});

test('responses that ran a model carry the tier header', async () => {
  const { response } = await client.chat.completions
    .create({ model: 'local', messages, max_tokens: 2, temperature: 0 })
    .withResponse();
  assert.equal(response.headers.get('x-edgerouter-tier'), 'local');
});
