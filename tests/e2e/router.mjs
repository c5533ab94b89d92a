// Starts a real EdgeRouter process on a free loopback port for the official-client suites.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const routerBin = process.env.EDGEROUTER_BIN;
/** Long generations' max_tokens; the arm64 runs under qemu-user set EDGEROUTER_E2E_LONG_TOKENS lower. */
export const longTokens = Number(process.env.EDGEROUTER_E2E_LONG_TOKENS ?? 3000);
if (!routerBin) throw new Error('EDGEROUTER_BIN must name the edgerouter binary to test');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(base, child, log, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`router exited with ${child.exitCode}:\n${log.join('')}`);
    try {
      const res = await fetch(`${base}/readyz`);
      if (res.status === 200) return;
    } catch { /* not listening yet */ }
    await new Promise(r => setTimeout(r, 50));
  }
  throw new Error(`router not ready after ${timeoutMs} ms:\n${log.join('')}`);
}

/**
 * Generates a tiny model with the binary itself and starts the router on it.
 * chatTemplate: a Jinja file to embed in place of the generated model's ChatML (which does not read tools).
 * embeddingModel: also generate a bert-tiny embedding model and serve it next to the chat model
 * (--embedding-model, name "bert-tiny").
 */
export async function startRouter(extraArgs = [], { chatTemplate, embeddingModel = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'edgerouter-e2e-'));
  const model = join(dir, 'tiny.gguf');
  const template = chatTemplate ? ['--chat-template', chatTemplate] : [];
  execFileSync(routerBin, ['model', 'generate', '--shape', 'tiny', '--type', 'q8_0', '--seed', '7', '--out', model, ...template]);
  if (embeddingModel) {
    const embedding = join(dir, 'bert-tiny.gguf');
    execFileSync(routerBin, ['model', 'generate', '--shape', 'bert-tiny', '--type', 'q8_0', '--seed', '7', '--out', embedding]);
    extraArgs = ['--embedding-model', embedding, ...extraArgs];
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = [];
  const child = spawn(routerBin, ['--listen', `127.0.0.1:${port}`, '--model', model, '--ctx', '2048', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, XDG_CACHE_HOME: dir },
  });
  child.stdout.on('data', d => log.push(d.toString()));
  child.stderr.on('data', d => log.push(d.toString()));
  // Under qemu-user (the arm64 runs) start-up is slower: EDGEROUTER_E2E_READY_MS widens the wait.
  await waitReady(base, child, log, Number(process.env.EDGEROUTER_E2E_READY_MS ?? 30_000));
  return {
    base,
    log,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise(resolve => {
          const timer = setTimeout(() => { child.kill('SIGKILL'); resolve(); }, 10_000);
          child.on('exit', () => { clearTimeout(timer); resolve(); });
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
