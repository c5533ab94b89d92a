// The official Ollama client, unmodified, against a running EdgeRouter.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Ollama } from 'ollama';
import { startRouter } from './router.mjs';

let router;
let ollama;

before(async () => {
  router = await startRouter();
  ollama = new Ollama({ host: router.base });
});
after(async () => { await router?.stop(); });

const messages = [{ role: 'user', content: 'Say hello.' }];
const options = { temperature: 0, num_predict: 8 };

test('chat, non-stream', async () => {
  const res = await ollama.chat({ model: 'local', messages, options, stream: false });
  assert.equal(res.message.role, 'assistant');
  assert.equal(typeof res.message.content, 'string');
  assert.equal(res.done, true);
  assert.ok(['stop', 'length'].includes(res.done_reason));
  assert.ok(res.prompt_eval_count > 0);
  assert.ok(res.eval_count <= 8);
  assert.ok(res.total_duration > 0 && res.eval_duration >= 0);
});

test('chat, stream', async () => {
  const stream = await ollama.chat({ model: 'local', messages, options, stream: true });
  let text = '';
  let last;
  for await (const part of stream) {
    text += part.message?.content ?? '';
    last = part;
  }
  assert.equal(last.done, true);
  assert.ok(last.eval_count <= 8);
  const whole = await ollama.chat({ model: 'local', messages, options, stream: false });
  assert.equal(text, whole.message.content);
});

test('generate, stream and non-stream', async () => {
  const res = await ollama.generate({ model: 'local', prompt: 'Once upon a time', options, stream: false });
  assert.equal(typeof res.response, 'string');
  assert.equal(res.done, true);
  let text = '';
  for await (const part of await ollama.generate({ model: 'local', prompt: 'Once upon a time', options, stream: true })) {
    text += part.response;
  }
  assert.equal(text, res.response);
});

test('tags, show, ps, version', async () => {
  const tags = await ollama.list();
  assert.ok(tags.models.length >= 1);
  const name = tags.models[0].name;
  assert.ok(name.endsWith(':latest'));
  assert.equal(tags.models[0].details.format, 'gguf');
  const show = await ollama.show({ model: name });
  assert.ok(show.details);
  assert.ok(show.model_info);
  const ps = await ollama.ps();
  assert.ok(Array.isArray(ps.models));
  const version = await ollama.version();
  assert.equal(typeof version.version, 'string');
});

test('unknown model is an error with a message', async () => {
  await assert.rejects(ollama.chat({ model: 'no-such-model', messages, stream: false }), err => /model/i.test(err.message));
});
