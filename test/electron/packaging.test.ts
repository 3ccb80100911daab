// Packaging: electron-builder builds the Linux app dir from electron-builder.yml against a stand-in Electron
// dist (no download), flips the fuses, and the packaged code runs from the package contents alone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import ts from 'typescript';

const root = join(import.meta.dirname, '..', '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ON = 49; // '1'
const OFF = 48; // '0'

/** An unpacked "Electron" for Linux: a tiny executable carrying the fuse wire of a real one (v1, 8 fuses, Electron's defaults). */
function standInElectronDist(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from('10110001')]);
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\necho "stand-in Electron"\nexit 0\n#'), wire, Buffer.from('\n')]), { mode: 0o755 });
  writeFileSync(join(dir, 'LICENSE'), 'stand-in\n');
  writeFileSync(join(dir, 'version'), '45.5.0');
}

function run(command: string, args: string[], timeout = 90_000) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', timeout, env: { ...process.env, CI: '1' } });
  return { ok: result.status === 0, output: `${result.stdout}\n${result.stderr}` };
}

describe('electron-builder --dir for Linux', { timeout: 180_000 }, () => {
  let tmp: string;
  let appDir: string;
  let appAsar: string;
  let files: Set<string>;

  before(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'hallpass-pack-'));
    if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
      const renderer = run(bin('vite'), ['build', '--config', 'renderer/vite.config.ts']);
      assert.ok(renderer.ok, renderer.output);
    }
    const build = run(process.execPath, ['build/build-electron.ts']);
    assert.ok(build.ok, build.output);
    standInElectronDist(join(tmp, 'electron-dist'));
    const packed = run(bin('electron-builder'), [
      '--linux', 'dir', '--config', 'electron-builder.yml',
      `-c.electronDist=${join(tmp, 'electron-dist')}`, `-c.directories.output=${join(tmp, 'out')}`,
    ]);
    assert.ok(packed.ok, packed.output);
    assert.doesNotMatch(packed.output, /⨯|cannot find path for dependency/, packed.output);
    appDir = join(tmp, 'out', 'linux-unpacked');
    appAsar = join(appDir, 'resources', 'app.asar');
    files = new Set(asar.listPackage(appAsar, { isPack: false }).map((f) => f.replaceAll('\\', '/')));
  });
  after(async () => { await rm(tmp, { recursive: true, force: true }); });

  test('the app dir: renamed executable, app.asar, icons outside the asar', () => {
    for (const file of ['hallpass-desktop', 'resources/app.asar', 'resources/icon.png', 'LICENSE.electron.txt']) {
      assert.ok(existsSync(join(appDir, file)), file);
    }
    for (const state of ['idle', 'active', 'pending', 'locked']) {
      for (const name of [`${state}.png`, `${state}@2x.png`]) assert.ok(existsSync(join(appDir, 'resources', 'tray', name)), name);
    }
  });

  test('the packaged package.json starts the compiled main process as ESM', () => {
    const pkg = JSON.parse(asar.extractFile(appAsar, 'package.json').toString()) as Record<string, unknown>;
    assert.equal(pkg.main, 'dist/electron/main/electron/main.js');
    assert.equal(pkg.type, 'module');
    assert.equal(pkg.name, 'hallpass');
  });

  test('the asar holds the compiled app and production dependencies, not sources or dev tools', () => {
    for (const file of ['/dist/electron/main/electron/main.js', '/dist/electron/preload.cjs', '/dist/electron/main/core/index.js', '/dist/renderer/index.html']) {
      assert.ok(files.has(file), file);
    }
    const listed = [...files];
    assert.ok(!listed.some((f) => f.startsWith('/main/') || f.startsWith('/test/') || f.startsWith('/renderer/')), 'no sources');
    assert.ok(!listed.some((f) => f.endsWith('.map')), 'no source maps');
    for (const dev of ['electron', 'vite', 'typescript', 'playwright-core', 'electron-builder', 'react']) {
      assert.ok(!files.has(`/node_modules/${dev}/package.json`), `${dev} is a dev dependency`);
    }
    // Every bare import of the compiled code resolves to a package inside the asar.
    const bare = new Set<string>();
    for (const file of listed.filter((f) => f.startsWith('/dist/electron/main/') && f.endsWith('.js'))) {
      const source = asar.extractFile(appAsar, file.slice(1)).toString();
      for (const { fileName: spec } of ts.preProcessFile(source, true, true).importedFiles) {
        if (spec.startsWith('.') || spec.startsWith('node:') || spec === 'electron') continue;
        bare.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
    assert.ok(bare.has('zod') && bare.has('@modelcontextprotocol/server'), [...bare].join());
    for (const pkg of bare) assert.ok(files.has(`/node_modules/${pkg}/package.json`), `${pkg} is packaged`);
  });

  test('the native keyring binding is unpacked next to the asar', () => {
    assert.ok([...files].some((f) => f.endsWith('.node')), 'a .node binding is listed');
    const unpacked = join(appDir, 'resources', 'app.asar.unpacked', 'node_modules', '@napi-rs');
    assert.ok(existsSync(unpacked), unpacked);
  });

  test('the fuses are flipped in the packaged binary', async () => {
    const wire = await getCurrentFuseWire(join(appDir, 'hallpass-desktop')) as unknown as Record<number, number>;
    assert.deepEqual({
      runAsNode: wire[FuseV1Options.RunAsNode],
      cookieEncryption: wire[FuseV1Options.EnableCookieEncryption],
      nodeOptions: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
      inspect: wire[FuseV1Options.EnableNodeCliInspectArguments],
      asarIntegrity: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
      onlyAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
    }, { runAsNode: OFF, cookieEncryption: ON, nodeOptions: OFF, inspect: OFF, asarIntegrity: ON, onlyAsar: ON });
  });

  test('the packaged core runs from the package contents alone and serves the packaged renderer', async () => {
    const extracted = join(tmp, 'extracted');
    asar.extractAll(appAsar, extracted);
    const home = join(tmp, 'home');
    const script = `
      const { startServe } = await import(${JSON.stringify(pathToFileURL(join(extracted, 'dist/electron/main/core/serve/start-serve.js')).href)});
      const s = await startServe({ dataDir: ${JSON.stringify(home)}, port: 0, log: { info() {}, warn() {}, error() {} }, uiRoot: ${JSON.stringify(join(extracted, 'dist/renderer'))} });
      const page = await (await fetch('http://127.0.0.1:' + s.port + '/')).text();
      console.log(JSON.stringify({ port: s.port, renderer: page.includes('<div id="root">') }));
      await s.close();`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: tmp, encoding: 'utf8', timeout: 30_000 });
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { port: number; renderer: boolean };
    assert.ok(report.port > 0);
    assert.equal(report.renderer, true, 'the packaged dist/renderer is what serve hands out');
  });
});

test('the notarize hook picks credentials from the environment and skips without them', async () => {
  const hook = await import(pathToFileURL(join(root, 'build', 'notarize.mjs')).href) as {
    notarizeCredentials(env: Record<string, string>): unknown;
    default(context: { electronPlatformName: string }): Promise<void>;
  };
  assert.equal(hook.notarizeCredentials({}), undefined);
  assert.equal(hook.notarizeCredentials({ APPLE_ID: 'a@b.c', APPLE_TEAM_ID: 'T' }), undefined, 'incomplete sets do not count');
  assert.deepEqual(hook.notarizeCredentials({ APPLE_API_KEY: '/k.p8', APPLE_API_KEY_ID: 'K', APPLE_API_ISSUER: 'I', APPLE_ID: 'a@b.c' }), { appleApiKey: '/k.p8', appleApiKeyId: 'K', appleApiIssuer: 'I' });
  assert.deepEqual(hook.notarizeCredentials({ APPLE_ID: 'a@b.c', APPLE_APP_SPECIFIC_PASSWORD: 'p', APPLE_TEAM_ID: 'T' }), { appleId: 'a@b.c', appleIdPassword: 'p', teamId: 'T' });
  await hook.default({ electronPlatformName: 'linux' }); // not macOS: returns without touching anything
});

test('the icons are PNGs of the sizes electron-builder and the tray expect', () => {
  const size = (file: string) => {
    const png = readFileSync(join(root, 'build', file));
    assert.equal(png.subarray(1, 4).toString(), 'PNG', file);
    return [png.readUInt32BE(16), png.readUInt32BE(20)];
  };
  assert.deepEqual(size('icon.png'), [1024, 1024]);
  for (const state of ['idle', 'active', 'pending', 'locked']) {
    assert.deepEqual(size(`tray/${state}.png`), [16, 16]);
    assert.deepEqual(size(`tray/${state}@2x.png`), [32, 32]);
  }
});
