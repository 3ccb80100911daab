// The desktop app in a real Electron binary (playwright-core's _electron): isolation, CSP, the bridge to a real
// core, window.open and navigation refused, clean quit. Skips, saying why, where there is no Electron binary.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron } from 'playwright-core';
import type { ElectronApplication, Page } from 'playwright-core';
import { findElectronBinary } from '../../main/electron/start-desktop.ts';
import type { BridgeApi } from '../../preload/contract.ts';
import { prepareAppRoot, repoRoot } from './support/app-root.ts';

const electron = findElectronBinary({
  root: repoRoot, env: process.env, exists: existsSync,
  read: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined),
});
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skipReason = !electron.found
  ? `no Electron binary here (${electron.reason}); the shell's logic is covered by test/unit/electron in plain Node`
  : noDisplay ? 'no display for Electron (DISPLAY/WAYLAND_DISPLAY unset); run under xvfb-run' : undefined;

declare global {
  interface Window { hallpass: BridgeApi }
}

describe('the desktop app in Electron', { timeout: 120_000 }, () => {
  if (skipReason) {
    test('launches and keeps its promises', (t) => {
      process.stdout.write(`# skipped: ${skipReason}\n`);
      t.skip(skipReason);
    });
    return;
  }

  let tmp: string;
  let home: string;
  let app: ElectronApplication;
  let page: Page;

  before(async () => {
    // A throwaway app root (compiled main + preload, built renderer, icons) so nothing races the in-place build.
    tmp = await mkdtemp(join(tmpdir(), 'hallpass-electron-'));
    home = join(tmp, 'home');
    const mainJs = prepareAppRoot(tmp);
    app = await _electron.launch({
      executablePath: (electron as { path: string }).path,
      args: [mainJs, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      env: { ...process.env, HALLPASS_HOME: home, HALLPASS_PORT: '0' } as Record<string, string>,
      cwd: tmp,
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForFunction(() => typeof window.hallpass === 'object');
    // The OS browser must not open during tests: record instead (main calls shell.openExternal at click time).
    await app.evaluate(({ shell }) => {
      const opened: string[] = [];
      (globalThis as { opened?: string[] }).opened = opened;
      shell.openExternal = async (url: string) => { opened.push(url); };
    });
  });
  after(async () => {
    await app?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  test('the window loads the packaged renderer in an isolated, sandboxed page', async () => {
    assert.match(page.url(), /^file:\/\/.*\/dist\/renderer\/index\.html/);
    // The options themselves are asserted in test/unit/electron and test/electron/main-process; here, their effect.
    const world = await page.evaluate(() => {
      const page = window as unknown as Record<string, unknown>;
      return { require: typeof page.require, process: typeof page.process, module: typeof page.module, keys: Object.keys(window.hallpass).sort() };
    });
    assert.deepEqual([world.require, world.process, world.module], ['undefined', 'undefined', 'undefined'], 'no Node in the page');
    assert.ok(!world.keys.includes('invoke') && world.keys.includes('approve') && world.keys.includes('onEvent'), world.keys.join());
  });

  test('the CSP holds: no eval, no inline script', async () => {
    const result = await page.evaluate(() => {
      let evalResult = 'ran';
      try { new Function('return 1')(); } catch { evalResult = 'blocked'; }
      const script = document.createElement('script');
      script.textContent = 'window.__inline = true';
      document.head.append(script);
      return { evalResult, inline: (window as unknown as { __inline?: boolean }).__inline === true };
    });
    assert.deepEqual(result, { evalResult: 'blocked', inline: false });
  });

  test('the bridge reaches the real core: status, add a client (token shown once), kill and re-arm', async () => {
    const out = await page.evaluate(async () => {
      const before = await window.hallpass.status();
      const added = await window.hallpass.addClient('electron-spec');
      const clients = await window.hallpass.clients();
      const killed = await window.hallpass.kill();
      const locked = await window.hallpass.status();
      await window.hallpass.rearm();
      let refused = '';
      try { await window.hallpass.approve('req_nope', { ttlSeconds: 60 }); } catch (error) { refused = (error as Error).message; }
      return { before: before.lockedDown, token: added.token.startsWith('hp_'), listed: clients.some((c) => c.name === 'electron-spec'), killed, locked: locked.lockedDown, refused };
    });
    assert.deepEqual({ ...out, refused: out.refused.length > 0 }, {
      before: false, token: true, listed: true, killed: { revokedSessions: 0, abortedCalls: 0, deniedRequests: 0 }, locked: true, refused: true,
    });
  });

  test('window.open and navigation are refused; only https goes to the OS browser', async () => {
    const opened = await page.evaluate(() => [window.open('https://example.com/docs'), window.open('file:///etc/passwd')].map((w) => w === null));
    assert.deepEqual(opened, [true, true]);
    assert.equal(app.windows().length, 1);
    const url = page.url();
    await page.evaluate(() => { window.location.href = 'https://example.com/elsewhere'; });
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    assert.equal(page.url(), url, 'still on our page');
    const handedOver = await app.evaluate(() => (globalThis as { opened?: string[] }).opened);
    assert.deepEqual(handedOver, ['https://example.com/docs', 'https://example.com/elsewhere']);
  });

  test('quitting closes cleanly and removes the instance file', async () => {
    assert.ok(existsSync(join(home, 'instance.json')));
    await app.close();
    assert.ok(!existsSync(join(home, 'instance.json')));
  });
});
