// The /ui status page in Debian's headless Chromium (playwright-core never downloads a browser): after the local gate
// refused work (a transition), the page shows the tiers, the gate, the thermal state and that transition.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startRouter } from './router.mjs';

let router;
let browser; // a persistent context: playwright takes the fresh profile directory itself, not as --user-data-dir
let profile;

before(async () => {
  router = await startRouter(['--queue-length', '0']);
  profile = mkdtempSync(join(tmpdir(), 'edgerouter-chromium-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    viewport: { width: 390, height: 844 }, // a phone
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await router?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function transitions() {
  const status = await (await fetch(`${router.base}/status`)).json();
  return status.transitions.map(t => t.kind);
}

test('status page renders tiers, gate, thermal and the last transitions', async () => {
  // With no queue, concurrent generations beyond the one slot are refused: the gate saturates.
  const chat = () => fetch(`${router.base}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ role: 'user', content: 'Tell me a long story' }], max_tokens: 200 }),
  }).then(r => r.status);
  const statuses = await Promise.all(Array.from({ length: 6 }, chat));
  assert.ok(statuses.includes(503), `expected a refusal among ${statuses}`);
  assert.ok((await transitions()).includes('gate-saturated'));

  const page = await browser.newPage();
  const blocked = [];
  page.on('console', m => { if (m.type() === 'error') blocked.push(m.text()); });
  await page.goto(`${router.base}/ui`);

  await page.locator('#conn', { hasText: 'live' }).waitFor();
  const local = page.locator('#tiers tr[data-tier="local"]');
  await local.waitFor();
  assert.match(await local.innerText(), /local\s+ready/);
  assert.match(await page.locator('#gate').innerText(), /0 running · 0\/0 queued/);
  assert.match(await page.locator('#gate').innerText(), /[1-9]\d* refused/);
  assert.match(await page.locator('#thermal').innerText(), /normal/);
  assert.match(await page.locator('#model').innerText(), /ready/);
  const saturated = page.locator('#transitions li[data-kind="gate-saturated"]');
  await saturated.first().waitFor();
  assert.match(await saturated.first().innerText(), /gate-saturated\s+gate/);
  assert.equal(await page.locator('#transitions li[data-kind="model-loaded"]').count(), 1);
  // The strict CSP admitted the inline script and style (a blocked one would be logged as a console error).
  assert.deepEqual(blocked, []);
  await page.close();
});
