// More concurrent requests than slot + queue: the surplus is refused at once with 503 + Retry-After,
// and the board never runs more than one generation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startRouter, longTokens } from './router.mjs';

let router;

before(async () => { router = await startRouter(['--ctx', '4096']); });
after(async () => { await router?.stop(); });

test('burst beyond slot and queue gets fast 503s with Retry-After, one generation at a time', async () => {
  const client = new OpenAI({ baseURL: `${router.base}/v1`, apiKey: 'unused', maxRetries: 0, timeout: 120_000 });
  let maxRunning = 0;
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const res = await fetch(`${router.base}/readyz`);
      const body = await res.json();
      maxRunning = Math.max(maxRunning, body.gate?.running ?? 0);
      await new Promise(r => setTimeout(r, 5));
    }
  })();

  const burst = 12;
  const started = Date.now();
  const outcomes = await Promise.all(Array.from({ length: burst }, async (_, i) => {
    const t0 = Date.now();
    try {
      const res = await client.chat.completions.create({
        model: 'local', messages: [{ role: 'user', content: `Tell a long story number ${i}.` }],
        max_tokens: longTokens, temperature: 1, seed: i,
      });
      return { ok: true, ms: Date.now() - t0, tokens: res.usage.completion_tokens };
    } catch (err) {
      return { ok: false, ms: Date.now() - t0, status: err.status, retryAfter: err.headers?.get?.('retry-after'), type: err.error?.type };
    }
  }));
  polling = false;
  await poller;

  const refused = outcomes.filter(o => !o.ok);
  const served = outcomes.filter(o => o.ok);
  assert.ok(served.length >= 1, `nothing was served: ${JSON.stringify(outcomes)}`);
  assert.ok(refused.length >= 1, `nothing was refused: ${JSON.stringify(outcomes)}`);
  for (const r of refused) {
    assert.equal(r.status, 503, JSON.stringify(r));
    assert.match(String(r.retryAfter), /^[1-9][0-9]*$/, JSON.stringify(r));
  }
  assert.ok(maxRunning <= 1, `saw ${maxRunning} generations running at once`);
  assert.ok(Date.now() - started < 120_000);
});
