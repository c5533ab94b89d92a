// Embeddings from the clients retrieval apps use (LangChain JS OllamaEmbeddings/OpenAIEmbeddings, the AI SDK's
// embed/embedMany through its OpenAI-compatible and Ollama providers, the official openai and ollama clients), on the
// board's embedding model and through an embedding route whose only tier is a fake OpenAI-compatible upstream on
// loopback that records what it receives.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { Ollama } from 'ollama';
import { OllamaEmbeddings } from '@langchain/ollama';
import { OpenAIEmbeddings } from '@langchain/openai';
import { embed, embedMany } from 'ai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createOllama } from 'ollama-ai-provider-v2';
import { startRouter } from './router.mjs';

const upstreamKey = 'e2e-fake-embedding-key';
const received = [];

// Every input gets [3, 4, 0, ...] scaled by its index + 1: the router must answer with unit vectors (0.6, 0.8, 0, ...).
const upstream = createServer((req, res) => {
  let text = '';
  req.setEncoding('utf8');
  req.on('data', d => { text += d; });
  req.on('end', () => {
    if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(text);
    received.push({ authorization: req.headers.authorization, body });
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    const data = inputs.map((_, index) => ({ object: 'embedding', index, embedding: [3 * (index + 1), 4 * (index + 1), 0, 0] }));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ object: 'list', model: body.model, data, usage: { prompt_tokens: inputs.length, total_tokens: inputs.length } }));
  });
});

let router;
let dir;

before(async () => {
  await new Promise(resolve => upstream.listen(0, '127.0.0.1', resolve));
  dir = mkdtempSync(join(tmpdir(), 'edgerouter-e2e-embed-cloud-'));
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({
    cloud: {
      upstreams: {
        'fake-embed': {
          baseUrl: `http://127.0.0.1:${upstream.address().port}/v1/`,
          model: 'fake-embedding-model',
          api: 'embeddings',
          credential: 'env:EDGEROUTER_E2E_EMBED_KEY',
          paid: false,
          useProxy: false,
        },
      },
      routes: { 'cloud-embed': { chain: ['fake-embed'] } },
    },
  }));
  process.env.EDGEROUTER_E2E_EMBED_KEY = upstreamKey;
  router = await startRouter(['--config', config], { embeddingModel: true });
});
after(async () => {
  await router?.stop();
  await new Promise(resolve => upstream.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const dot = (a, b) => a.reduce((sum, x, i) => sum + x * b[i], 0);
const close = (a, b) => a.length === b.length && a.every((x, i) => Math.abs(x - b[i]) < 1e-5);
const unit = v => Math.abs(dot(v, v) - 1) < 1e-4;
const fromUpstream = [0.6, 0.8, 0, 0];

const openaiProvider = () => createOpenAICompatible({ name: 'edgerouter', baseURL: `${router.base}/v1`, apiKey: 'unused' });
const ollamaProvider = () => createOllama({ baseURL: `${router.base}/api` });
const reference = async text =>
  (await new OpenAI({ baseURL: `${router.base}/v1`, apiKey: 'unused', maxRetries: 0 })
    .embeddings.create({ model: 'bert-tiny', input: text, encoding_format: 'float' })).data[0].embedding;

test('LangChain OllamaEmbeddings: the board model, the same vector as the OpenAI surface', async () => {
  const embeddings = new OllamaEmbeddings({ model: 'bert-tiny', baseUrl: router.base });
  const [query, documents] = await Promise.all([embeddings.embedQuery('solar panels'), embeddings.embedDocuments(['solar panels', 'wind'])]);
  assert.equal(query.length, 64);
  assert.ok(unit(query));
  assert.ok(close(query, documents[0]));
  assert.ok(close(query, await reference('solar panels')));
});

test('LangChain OpenAIEmbeddings: the board model, a batch in order', async () => {
  const embeddings = new OpenAIEmbeddings({ model: 'bert-tiny', apiKey: 'unused', configuration: { baseURL: `${router.base}/v1` }, maxRetries: 0 });
  const vectors = await embeddings.embedDocuments(['a heat pump', 'a boiler', 'a heat pump']);
  assert.equal(vectors.length, 3);
  assert.ok(vectors.every(unit));
  assert.ok(Math.abs(dot(vectors[0], vectors[2]) - 1) < 1e-5);
});

test('AI SDK embed and embedMany through both providers: the board model', async () => {
  for (const model of [openaiProvider().textEmbeddingModel('bert-tiny'), ollamaProvider().embedding('bert-tiny')]) {
    const one = await embed({ model, value: 'battery storage', maxRetries: 0 });
    assert.ok(close(one.embedding, await reference('battery storage')));
    const many = await embedMany({ model, values: ['one', 'two', 'one'], maxRetries: 0 });
    assert.equal(many.embeddings.length, 3);
    assert.ok(Math.abs(dot(many.embeddings[0], many.embeddings[2]) - 1) < 1e-5);
  }
});

test('cloud: openai and ollama clients get the upstream vectors, normalised, and the upstream gets its own model and the key', async () => {
  const mark = received.length;
  const openai = await new OpenAI({ baseURL: `${router.base}/v1`, apiKey: 'unused', maxRetries: 0 })
    .embeddings.create({ model: 'cloud-embed', input: ['first', 'second'], encoding_format: 'float' });
  const ollama = await new Ollama({ host: router.base }).embed({ model: 'cloud-embed', input: 'first' });

  assert.ok(close(openai.data[0].embedding, fromUpstream));
  assert.ok(close(openai.data[1].embedding, fromUpstream));
  assert.ok(close(ollama.embeddings[0], fromUpstream));
  const sent = received.slice(mark);
  assert.equal(sent.length, 2);
  assert.deepEqual(sent[0].body.input, ['first', 'second']);
  assert.equal(sent[0].body.model, 'fake-embedding-model');
  assert.equal(sent[0].authorization, `Bearer ${upstreamKey}`);
});

test('cloud: LangChain and the AI SDK embed through the route', async () => {
  const langchain = [
    await new OllamaEmbeddings({ model: 'cloud-embed', baseUrl: router.base }).embedQuery('x'),
    (await new OpenAIEmbeddings({ model: 'cloud-embed', apiKey: 'unused', configuration: { baseURL: `${router.base}/v1` }, maxRetries: 0 })
      .embedDocuments(['x']))[0],
  ];
  const sdk = [
    (await embed({ model: openaiProvider().textEmbeddingModel('cloud-embed'), value: 'x', maxRetries: 0 })).embedding,
    (await embedMany({ model: ollamaProvider().embedding('cloud-embed'), values: ['x', 'y'], maxRetries: 0 })).embeddings[1],
  ];
  for (const vector of [...langchain, ...sdk]) {
    assert.ok(close(vector, fromUpstream), JSON.stringify(vector));
  }
});
