// Starting the router binary for a measurement, timing it to /readyz, and reading its memory from /proc.
import http from 'node:http';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** The HTTP status of a GET, or 0 when the connection failed (the server is not up yet). */
export function status(url) {
  return new Promise(resolve => {
    const req = http.get(url, { agent: false }, res => { res.resume(); resolve(res.statusCode); });
    req.on('error', () => resolve(0));
  });
}

/** Spawns `bin --listen 127.0.0.1:PORT ...args` and resolves when /readyz answers 200 (polled every 2 ms). */
export async function startRouter(bin, args, { timeoutMs = 120_000 } = {}) {
  const port = await freePort();
  const started = performance.now();
  const proc = spawn(bin, ['--listen', `127.0.0.1:${port}`, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', d => { stderr = (stderr + d).slice(-4000); });
  let exited = false;
  proc.on('exit', () => { exited = true; });
  const url = `http://127.0.0.1:${port}/readyz`;
  while (true) {
    if (exited) throw new Error(`${bin} exited before it was ready:\n${stderr}`);
    if (performance.now() - started > timeoutMs) { proc.kill('SIGKILL'); throw new Error(`${bin} not ready after ${timeoutMs} ms`); }
    if (await status(url) === 200) break;
    await new Promise(r => setTimeout(r, 2));
  }
  return {
    proc,
    port,
    base: `http://127.0.0.1:${port}`,
    readyMs: performance.now() - started,
    stop: () => new Promise(resolve => {
      if (exited) { resolve(); return; }
      proc.once('exit', resolve);
      proc.kill('SIGTERM');
      setTimeout(() => proc.kill('SIGKILL'), 10_000).unref();
    }),
  };
}

/** VmRSS and VmHWM of a process, in bytes. */
export function memory(pid) {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = name => +(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}
