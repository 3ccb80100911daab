// The compiled main process (dist/electron/…/main.js) run under Node with a stand-in `electron` module:
// it starts the core and the MCP endpoint, opens a secure window on the built renderer, registers IPC,
// and on SIGTERM releases everything and removes the instance file.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareAppRoot, repoRoot } from './support/app-root.ts';

let tmp: string;
let mainJs: string;

before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'hallpass-main-'));
  mainJs = prepareAppRoot(tmp);
});
after(async () => { await rm(tmp, { recursive: true, force: true }); });

test('main.js starts the core and the shell, then shuts both down cleanly on SIGTERM', { timeout: 120_000 }, async () => {
  const home = join(tmp, 'home');
  const reportFile = join(tmp, 'report.jsonl');
  const child = spawn(process.execPath, ['--import', join(repoRoot, 'test', 'electron', 'support', 'electron-stand-in-hooks.ts'), mainJs], {
    cwd: tmp, env: { ...process.env, HALLPASS_HOME: home, HALLPASS_PORT: '0', ELECTRON_STAND_IN_REPORT: reportFile }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('hallpass desktop ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`main.js exited early (${code}): ${stderr}`)));
  });
  try {
    await ready;
    const instance = JSON.parse(readFileSync(join(home, 'instance.json'), 'utf8')) as { port: number; pid: number };
    assert.equal(instance.pid, child.pid);
    const mcp = await fetch(`http://127.0.0.1:${instance.port}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(mcp.status, 401, 'the agents\' endpoint is up and wants a token');
  } finally {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    assert.equal(code, 0, stderr);
  }

  const events = readFileSync(reportFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { event: string } & Record<string, unknown>);
  const find = (name: string) => events.filter((e) => e.event === name);
  assert.deepEqual(find('setPath')[0], { event: 'setPath', name: 'userData', path: join(home, 'electron') });
  const [window] = find('window') as unknown as { options: { webPreferences: Record<string, unknown> }; preloadExists: boolean }[];
  assert.ok(window, 'a window was opened (started visibly)');
  assert.equal(window.preloadExists, true, 'the preload path points at the built preload.cjs');
  assert.deepEqual(
    [window.options.webPreferences.contextIsolation, window.options.webPreferences.sandbox, window.options.webPreferences.nodeIntegration],
    [true, true, false],
  );
  const [load] = find('loadURL') as unknown as { url: string; exists: boolean }[];
  assert.match(load?.url ?? '', /^file:\/\/.*\/dist\/renderer\/index\.html$/);
  assert.equal(load?.exists, true, 'the window loads the built renderer');
  for (const tray of find('tray') as unknown as { exists: boolean }[]) assert.equal(tray.exists, true, 'tray icons exist');
  assert.deepEqual(find('errorBox'), []);
  assert.deepEqual(find('exit'), [{ event: 'exit', code: 0, handlers: 0, shortcuts: 0, traysLeft: 0 }], 'everything released before exit');
  assert.ok(!existsSync(join(home, 'instance.json')), 'instance file removed');
});
