// What Ollama front-ends and the official ollama client see beyond chat: the liveness text, a version they accept,
// capabilities and the served window in /api/show, and model management refused with a sentence, not a 404.
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

test('GET / says "Ollama is running" and /api/version is one front-ends accept', async () => {
  const root = await fetch(`${router.base}/`);
  assert.equal(await root.text(), 'Ollama is running');
  const { version } = await ollama.version();
  const [major, minor] = version.split('.').map(Number);
  assert.ok(major > 0 || minor >= 12, version);
  assert.match((await fetch(`${router.base}/api/version`)).headers.get('x-edgerouter-version'), /^\d+\.\d+\.\d+/);
});

test('show: capabilities and the served window', async () => {
  const show = await ollama.show({ model: 'local' });
  // No embedding model is configured, so the chat model serves embeddings with its pooling, and says so.
  assert.deepEqual(show.capabilities, ['completion', 'embedding']);
  const arch = show.model_info['general.architecture'];
  assert.equal(show.model_info[`${arch}.context_length`], 2048); // the --ctx the suite starts with
});

test('pull, delete and copy are refused with how to set a model', async () => {
  await assert.rejects(ollama.pull({ model: 'llama3.2' }), error => error.status_code === 501 && /model\.path/.test(error.message));
  await assert.rejects(ollama.delete({ model: 'llama3.2' }), error => error.status_code === 501);
  await assert.rejects(ollama.copy({ source: 'local', destination: 'copy' }), error => error.status_code === 501);
});
