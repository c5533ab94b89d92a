// Embeddings through the official OpenAI and Ollama clients, unmodified: a separate BERT embedding model, and the
// chat model's own pooling when none is configured.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { Ollama } from 'ollama';
import { startRouter } from './router.mjs';

let separate;
let fallback;

before(async () => {
  separate = await startRouter([], { embeddingModel: true });
  fallback = await startRouter();
});
after(async () => {
  await separate?.stop();
  await fallback?.stop();
});

const openai = router => new OpenAI({ baseURL: `${router.base}/v1`, apiKey: 'unused-by-local-tier', maxRetries: 0 });
const ollama = router => new Ollama({ host: router.base });
const dot = (a, b) => a.reduce((sum, x, i) => sum + x * b[i], 0);
const close = (a, b) => a.length === b.length && a.every((x, i) => Math.abs(x - b[i]) < 1e-6);

test('openai: one string, float vectors of unit length with usage', async () => {
  const res = await openai(separate).embeddings.create({ model: 'bert-tiny', input: 'hello world', encoding_format: 'float' });
  assert.equal(res.object, 'list');
  assert.equal(res.model, 'bert-tiny');
  assert.equal(res.data.length, 1);
  assert.equal(res.data[0].object, 'embedding');
  assert.equal(res.data[0].embedding.length, 64);
  assert.ok(Math.abs(dot(res.data[0].embedding, res.data[0].embedding) - 1) < 1e-4);
  assert.ok(res.usage.prompt_tokens > 0);
  assert.equal(res.usage.total_tokens, res.usage.prompt_tokens);
});

test('openai: the client default (base64) decodes to the float vector', async () => {
  const client = openai(separate);
  const floats = await client.embeddings.create({ model: 'bert-tiny', input: 'tell me a story', encoding_format: 'float' });
  // Without encoding_format the client asks for base64 and decodes it itself.
  const decoded = await client.embeddings.create({ model: 'bert-tiny', input: 'tell me a story' });
  assert.ok(close(floats.data[0].embedding, decoded.data[0].embedding));
});

test('openai: a batch of 32, in order; identical texts have cosine 1', async () => {
  const input = Array.from({ length: 32 }, (_, i) => (i % 2 === 0 ? 'the same text' : `text number ${i}`));
  const res = await openai(separate).embeddings.create({ model: 'bert-tiny', input });
  assert.deepEqual(res.data.map(d => d.index), [...Array(32).keys()]);
  assert.ok(Math.abs(dot(res.data[0].embedding, res.data[30].embedding) - 1) < 1e-5);
});

test('openai: token-array input', async () => {
  const res = await openai(separate).embeddings.create({ model: 'bert-tiny', input: [[2, 5, 3], [2, 3]] });
  assert.equal(res.data.length, 2);
  assert.equal(res.usage.prompt_tokens, 5);
});

test('openai: dimensions the model cannot give is a 400 naming the parameter', async () => {
  await assert.rejects(
    openai(separate).embeddings.create({ model: 'bert-tiny', input: 'a', dimensions: 32 }),
    err => err.status === 400 && err.param === 'dimensions');
});

test('ollama: embed and the legacy embeddings give the OpenAI vector', async () => {
  const text = 'the same text on every surface';
  const a = await openai(separate).embeddings.create({ model: 'bert-tiny', input: text, encoding_format: 'float' });
  const b = await ollama(separate).embed({ model: 'bert-tiny', input: text, keep_alive: '5m' });
  const c = await ollama(separate).embeddings({ model: 'bert-tiny', prompt: text });
  assert.equal(b.model, 'bert-tiny:latest');
  assert.ok(b.prompt_eval_count > 0);
  assert.ok(close(a.data[0].embedding, b.embeddings[0]));
  assert.ok(close(a.data[0].embedding, c.embedding));
});

test('ollama: truncate false refuses an input longer than the window', async () => {
  const long = Array(600).fill('hello').join(' ');
  const truncated = await ollama(separate).embed({ model: 'bert-tiny', input: long });
  assert.equal(truncated.prompt_eval_count, 512);
  await assert.rejects(ollama(separate).embed({ model: 'bert-tiny', input: long, truncate: false }), err => err.status_code === 400);
});

test('listings: /v1/models and /api/tags name the embedding model; /api/show says embedding', async () => {
  const models = [];
  for await (const model of openai(separate).models.list()) models.push(model.id);
  assert.ok(models.includes('bert-tiny'));
  const tags = await ollama(separate).list();
  assert.ok(tags.models.some(m => m.name === 'bert-tiny:latest'));
  const show = await ollama(separate).show({ model: 'bert-tiny' });
  assert.deepEqual(show.capabilities, ['embedding']);
});

test('fallback: the chat model embeds with its pooling, under the name chat clients use', async () => {
  const a = await openai(fallback).embeddings.create({ model: 'local', input: ['hello world', 'hello world'], encoding_format: 'float' });
  const b = await ollama(fallback).embed({ model: 'local', input: 'hello world' });
  assert.equal(a.data[0].embedding.length, 64);
  assert.ok(Math.abs(dot(a.data[0].embedding, a.data[1].embedding) - 1) < 1e-5);
  assert.ok(close(a.data[0].embedding, b.embeddings[0]));
  const show = await ollama(fallback).show({ model: 'local' });
  assert.ok(show.capabilities.includes('embedding'));
  assert.ok(show.capabilities.includes('completion'));
});

test('unknown model: a 404 in each surface\'s shape', async () => {
  await assert.rejects(openai(separate).embeddings.create({ model: 'text-embedding-3-small', input: 'a' }), err => err.status === 404);
  await assert.rejects(ollama(separate).embed({ model: 'nomic-embed-text', input: 'a' }), err => err.status_code === 404);
});
