/**
 * `npm run build:mcpb`: a valid MCPB 0.3 bundle, reproducible, whose server is the bundled shim; run
 * from the unpacked bundle by an older Node (as Claude Desktop's own runtime would) it relays a real MCP
 * client to a live `hallpass serve`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import JSZip from 'jszip';
import { Client } from '@modelcontextprotocol/client';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { manifestSchema } from '../../../mcpb/manifest.ts';
import { startServeProcess, type ServeProcess } from '../../support/serve-process.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The machine's own (older) Node when there is one: the bundle must not need Node 24. */
const OLD_NODE = ['/usr/bin/node', '/usr/local/bin/node'].find((p) => existsSync(p) && p !== process.execPath) ?? process.execPath;

describe('the Claude Desktop extension bundle', { timeout: 120_000 }, () => {
  let dir: string;
  let bundle: Buffer;
  let files: Record<string, Buffer>;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hallpass-mcpb-'));
    const build = (out: string) => spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-mcpb.ts'), '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    const first = build(join(dir, 'a.mcpb'));
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /build:mcpb: .*a\.mcpb \(\d+ KiB, Hallpass \d+\.\d+\.\d+\)/);
    assert.equal(build(join(dir, 'b.mcpb')).status, 0);
    bundle = await readFile(join(dir, 'a.mcpb'));
    assert.ok(bundle.equals(await readFile(join(dir, 'b.mcpb'))), 'two builds give the same bytes');
    const zip = await JSZip.loadAsync(bundle);
    files = {};
    for (const [name, entry] of Object.entries(zip.files)) if (!entry.dir) files[name] = await entry.async('nodebuffer');
    for (const [name, data] of Object.entries(files)) {
      await mkdir(dirname(join(dir, 'unpacked', name)), { recursive: true });
      await writeFile(join(dir, 'unpacked', name), data);
    }
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('manifest.json follows MCPB 0.3: node server running the bundled shim, the token a sensitive setting', () => {
    assert.deepEqual(Object.keys(files).sort(), ['icon.png', 'manifest.json', 'server/index.mjs']);
    const manifest = manifestSchema.parse(JSON.parse(files['manifest.json']!.toString('utf8')));
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(manifest.version, pkg.version);
    assert.equal(manifest.server.entry_point, 'server/index.mjs');
    assert.deepEqual(manifest.server.mcp_config, { command: 'node', args: ['${__dirname}/server/index.mjs'], env: { HALLPASS_TOKEN: '${user_config.token}' } });
    assert.deepEqual(manifest.user_config.token, {
      type: 'string', title: 'Hallpass client token', description: manifest.user_config.token!.description, required: true, sensitive: true,
    });
    assert.ok(files['icon.png']!.subarray(1, 4).toString() === 'PNG');
    // One self-contained file: only Node built-ins are imported.
    const imports = [...files['server/index.mjs']!.toString('utf8').matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    assert.ok(imports.length > 0 && imports.every((i) => i!.startsWith('node:')), imports.join(', '));
  });

  test(`the unpacked server under ${OLD_NODE} (${spawnSync(OLD_NODE, ['--version'], { encoding: 'utf8' }).stdout.trim()}) explains a missing token or instance on stderr`, () => {
    const server = join(dir, 'unpacked', 'server', 'index.mjs');
    const noToken = spawnSync(OLD_NODE, [server], { env: { PATH: process.env.PATH, HALLPASS_HOME: join(dir, 'nowhere') }, encoding: 'utf8', input: '' });
    assert.equal(noToken.status, 1);
    assert.equal(noToken.stdout, '', 'stdout stays for MCP messages only');
    assert.match(noToken.stderr, /^hallpass: HALLPASS_TOKEN is not set/);
    const noInstance = spawnSync(OLD_NODE, [server], { env: { PATH: process.env.PATH, HALLPASS_HOME: join(dir, 'nowhere'), HALLPASS_TOKEN: 'hp_x' }, encoding: 'utf8', input: '' });
    assert.equal(noInstance.status, 1);
    assert.match(noInstance.stderr, /^hallpass: no Hallpass instance is running for .*nowhere/);
  });

  describe('against a live serve', () => {
    let serve: ServeProcess;
    let client: Client | undefined;
    before(async () => {
      serve = await startServeProcess();
    });
    after(async () => {
      await client?.close().catch(() => undefined);
      await serve?.stop();
    });

    test('Claude Desktop-style launch of the bundle relays tools/list to Hallpass', async () => {
      const added = await serve.cli(['clients', 'add', 'Claude Desktop', '--json']);
      assert.equal(added.code, 0, added.stderr);
      const { token } = JSON.parse(added.stdout) as { token: string };
      client = new Client({ name: 'claude-desktop-extension', version: '1.0.0' });
      // As Claude Desktop would: its node, ${__dirname} replaced, the sensitive setting in env.
      const env = { ...getDefaultEnvironment(), HALLPASS_TOKEN: token, HALLPASS_HOME: serve.home };
      await client.connect(new StdioClientTransport({ command: OLD_NODE, args: [join(dir, 'unpacked', 'server', 'index.mjs')], env, stderr: 'pipe' }), { timeout: 20_000 });
      let names: string[] = [];
      for (let i = 0; i < 50 && !names.includes('hallpass__status'); i += 1) {
        names = (await client.listTools()).tools.map((t) => t.name);
        if (!names.includes('hallpass__status')) await sleep(100);
      }
      assert.ok(names.includes('hallpass__request_access') && names.includes('hallpass__status'), names.join(', '));
    });
  });
});
