/** Builds the component harness with vite, serves it under the UI's real CSP, and opens it in Chromium. */
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { launchChromium, UI_CSP, watchProblems } from '../../../e2e/support/browser.ts';
import type { createFakeBridge } from './fake-bridge.ts';
import type { manualTimers } from './manual-timers.ts';
import type * as views from './views.ts';
import type { Services } from '../../../../renderer/services.ts';

/** What the harness page exposes as `window.harness`. */
export interface HarnessGlobals {
  fake: ReturnType<typeof createFakeBridge>;
  timers: ReturnType<typeof manualTimers>;
  services: Services;
  views: typeof views;
  START: number;
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** A built harness served on loopback, and a browser to open it in. */
export interface Harness {
  browser: Browser;
  /** A fresh page on the harness (hash `#token` shows the token prompt); `problems` collects errors. */
  open(hash?: string): Promise<{ page: Page; problems: string[] }>;
  close(): Promise<void>;
}

/** Runs `fn(window.harness, arg)` in the page (the function's source is sent, so it must not close over anything). */
export function inHarness<A, R>(page: Page, fn: (h: HarnessGlobals, arg: A) => R, arg?: A): Promise<Awaited<R>> {
  return page.evaluate(`(${fn.toString()})(window.harness, ${JSON.stringify(arg ?? null)})`) as Promise<Awaited<R>>;
}

/** Builds, serves and launches; call `close` in `after`. */
export async function startHarness(): Promise<Harness> {
  const outDir = await mkdtemp(join(tmpdir(), 'hallpass-harness-'));
  await build({
    root: join(import.meta.dirname, 'harness'),
    configFile: false,
    logLevel: 'error',
    base: './',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, assetsInlineLimit: 0, modulePreload: { polyfill: false }, minify: false },
  });
  const server = createServer((req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    readFile(join(outDir, path)).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'content-security-policy': UI_CSP }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  return {
    browser,
    async open(hash = '') {
      const page = await browser.newPage({ viewport: { width: 1000, height: 760 } });
      const problems = watchProblems(page);
      await page.goto(`${origin}/${hash}`);
      await page.waitForFunction(() => 'harness' in window);
      return { page, problems };
    },
    async close() {
      await browser.close();
      server.closeAllConnections();
      server.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
