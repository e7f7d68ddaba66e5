/**
 * The panel outside DevTools: test/bench/panel-harness.html (the real App fed synthetic flows)
 * built by Vite and served on loopback, for the render bench and for browsers whose DevTools a
 * test cannot drive (Firefox).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { build } from 'vite';

const ROOT = resolve(import.meta.dirname, '../..');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** What the harness page exposes as `window.panelBench`. */
export interface PanelHarness {
  prepare(count: number, seed: number): { flows: number; blocked: number; ms: number };
  firstRender(n: number): { ms: number; rows: number };
  plainTable(n: number): { ms: number; rows: number };
  keystroke(text: string): Promise<{ ms: number; rows: number; shown: string }>;
  findFlow(verdict: string, preflight: string): string | null;
}

export interface ServedHarness {
  url: string;
  close(): Promise<void>;
}

export async function serveHarness(): Promise<ServedHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-panel-harness-'));
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'error',
    plugins: [preact()],
    build: { outDir: dir, emptyOutDir: true, target: 'es2022', rolldownOptions: { input: { harness: resolve(ROOT, 'test/bench/panel-harness.html') } } },
  });
  const server = createServer((req, res) => {
    const path = join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!path.startsWith(dir)) return void res.writeHead(403).end();
    let body: Buffer;
    try {
      body = readFileSync(path);
    } catch {
      return void res.writeHead(404).end();
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/test/bench/panel-harness.html`,
    async close() {
      await new Promise<void>((done) => server.close(() => done()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
