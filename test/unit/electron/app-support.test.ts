// Small pieces of the app's start: finding Electron, the app's paths, whether a tray can show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findElectronBinary, missingElectronMessage } from '../../../main/electron/start-desktop.ts';
import { appPaths, appRootFromModule } from '../../../main/electron/app-paths.ts';
import { parseNameHasOwner, trayHostAvailable } from '../../../main/electron/tray-host.ts';

function disk(files: Record<string, string>) {
  return { exists: (p: string) => p in files, read: (p: string) => files[p] };
}
const pkg = join('/repo', 'node_modules', 'electron');

test('finding Electron: the package, its path.txt and the binary, or an override', () => {
  assert.deepEqual(findElectronBinary({ root: '/repo', env: {}, ...disk({}) }), { found: false, reason: 'the electron package is not installed' });
  assert.match((findElectronBinary({ root: '/repo', env: {}, ...disk({ [join(pkg, 'package.json')]: '{}' }) }) as { reason: string }).reason, /never downloaded/);
  const withPath = { [join(pkg, 'package.json')]: '{}', [join(pkg, 'path.txt')]: 'electron\n' };
  assert.match((findElectronBinary({ root: '/repo', env: {}, ...disk(withPath) }) as { reason: string }).reason, /missing at/);
  assert.deepEqual(findElectronBinary({ root: '/repo', env: {}, ...disk({ ...withPath, [join(pkg, 'dist', 'electron')]: '' }) }), { found: true, path: join(pkg, 'dist', 'electron') });
  assert.deepEqual(findElectronBinary({ root: '/repo', env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/e' }, ...disk({ [join(pkg, 'package.json')]: '{}', '/opt/e/electron': '' }) }), { found: true, path: '/opt/e/electron' });
});

test('the missing-Electron message says how to get it and that `npm run serve` shows the same UI', () => {
  const message = missingElectronMessage('the Electron binary was never downloaded');
  assert.match(message, /npm i electron/);
  assert.match(message, /npm run serve/);
});

test('paths: compiled main four levels below the root; icons in build/ or in resources when packaged', () => {
  assert.equal(appRootFromModule(pathToFileURL('/app/dist/electron/main/electron/main.js').href), '/app');
  const dev = appPaths({ root: '/repo', packaged: false, resourcesPath: '/ignored' });
  assert.equal(dev.preload, '/repo/dist/electron/preload.cjs');
  assert.equal(dev.indexHtml, '/repo/dist/renderer/index.html');
  assert.equal(dev.trayIcons.pending, '/repo/build/tray/pending.png');
  const packaged = appPaths({ root: '/opt/H/resources/app.asar', packaged: true, resourcesPath: '/opt/H/resources' });
  assert.equal(packaged.indexHtml, '/opt/H/resources/app.asar/dist/renderer/index.html');
  assert.equal(packaged.trayIcons.locked, '/opt/H/resources/tray/locked.png');
  assert.equal(packaged.windowIcon, '/opt/H/resources/icon.png');
});

test('tray host: asked on the session bus on Linux; any doubt means no tray', async () => {
  assert.equal(parseNameHasOwner('method return time=1 sender=org.freedesktop.DBus\n   boolean true\n'), true);
  assert.equal(parseNameHasOwner('   boolean false\n'), false);
  const calls: string[][] = [];
  assert.equal(await trayHostAvailable('linux', async (cmd, args) => { calls.push([cmd, ...args]); return 'boolean true'; }), true);
  assert.equal(calls[0]?.at(-1), 'string:org.kde.StatusNotifierWatcher');
  assert.equal(await trayHostAvailable('linux', async () => { throw new Error('no session bus'); }), false);
  assert.equal(await trayHostAvailable('darwin', async () => { throw new Error('not asked'); }), true);
  assert.equal(await trayHostAvailable('win32', async () => { throw new Error('not asked'); }), true);
});
