// Browser front-ends in Debian's headless Chromium: a page served on another local port streams from /api/chat and
// /v1/chat/completions (with the preflight the openai browser client causes), and a page from a foreign origin
// (edgerouter-test.invalid, mapped to 127.0.0.1 by Chromium's resolver rules) is refused by the browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { startRouter } from './router.mjs';

const foreignHost = 'edgerouter-test.invalid';
let router;
let browser;
let pages; // the front-end's own web server, on another port than the router
let pagesPort;

before(async () => {
  router = await startRouter();
  pages = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>front-end</title><p>a chat front-end</p>');
  });
  await new Promise(resolve => pages.listen(0, '127.0.0.1', resolve));
  pagesPort = pages.address().port;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--host-resolver-rules=MAP ${foreignHost} 127.0.0.1`],
  });
});

after(async () => {
  await browser?.close();
  await new Promise(resolve => (pages ? pages.close(resolve) : resolve()));
  await router?.stop();
});

// Runs in the page: a streaming POST read chunk by chunk, as a chat UI does. Authorization and an x-stainless header
// make it a non-simple request, so the browser sends a preflight first (as the openai package does in a browser).
async function streamFromPage(page, url, body) {
  return page.evaluate(async ({ url, body }) => {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer unused', 'x-stainless-lang': 'js' },
        body: JSON.stringify(body),
      });
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let text = '';
      let chunks = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks += 1;
        text += decoder.decode(value, { stream: true });
      }
      return { ok: true, status: response.status, chunks, text, contentType: response.headers.get('content-type') };
    } catch (error) {
      return { ok: false, error: `${error.name}: ${error.message}` };
    }
  }, { url, body });
}

const ollamaChat = { model: 'local', messages: [{ role: 'user', content: 'Hello from a browser' }], stream: true, options: { num_predict: 8 } };
const openaiChat = { model: 'local', messages: [{ role: 'user', content: 'Hello from a browser' }], stream: true, max_tokens: 8 };

test('a page on another local port streams /api/chat and /v1/chat/completions', async () => {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${pagesPort}/`);

  const ollama = await streamFromPage(page, `${router.base}/api/chat`, ollamaChat);
  assert.ok(ollama.ok, ollama.error);
  assert.equal(ollama.status, 200);
  assert.match(ollama.contentType, /application\/x-ndjson/);
  const lines = ollama.text.trim().split('\n').map(line => JSON.parse(line));
  assert.ok(lines.length >= 2, `expected several NDJSON lines, got ${lines.length}`);
  assert.equal(lines.at(-1).done, true);

  const openai = await streamFromPage(page, `${router.base}/v1/chat/completions`, openaiChat);
  assert.ok(openai.ok, openai.error);
  assert.equal(openai.status, 200);
  assert.match(openai.contentType, /text\/event-stream/);
  assert.match(openai.text, /data: \[DONE\]/);
  assert.match(openai.text, /"chat\.completion\.chunk"/);
  await page.close();
});

test('a page from a foreign origin is refused by the browser', async () => {
  const page = await browser.newPage();
  await page.goto(`http://${foreignHost}:${pagesPort}/`);
  assert.equal(await page.evaluate(() => location.origin), `http://${foreignHost}:${pagesPort}`);

  for (const [path, body] of [['/api/chat', ollamaChat], ['/v1/chat/completions', openaiChat]]) {
    const result = await streamFromPage(page, `${router.base}${path}`, body);
    assert.equal(result.ok, false, `${path} should have been refused, got ${result.status}`);
    assert.match(result.error, /TypeError/);
  }
  // The router saw the preflights and refused them (the browser never sent the POSTs).
  assert.ok(router.log.some(line => line.includes(foreignHost)), 'expected the refusal in the router log');
  await page.close();
});
