// The built preload as Electron's sandbox runs it: one CommonJS file, only `electron` required, no eval,
// exposing named actions only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { commandChannel, commandNames } from '../../preload/contract.ts';

const root = join(import.meta.dirname, '..', '..');
let out: string;
before(async () => {
  out = await mkdtemp(join(tmpdir(), 'hallpass-preload-'));
  const build = spawnSync(join(root, 'node_modules', '.bin', 'vite'), ['build', '--config', 'preload/vite.config.ts', '--outDir', out], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  assert.equal(build.status, 0, build.stderr);
});
after(async () => { await rm(out, { recursive: true, force: true }); });

test('the preload runs in a sandbox-like context: only electron required, no code generation, only named actions exposed', async () => {
  const exposed = new Map<string, Record<string, unknown>>();
  const invoked: string[] = [];
  const required: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (channel: string) => {
        invoked.push(channel);
        return { ok: true, value: { lockedDown: false, version: '0.1.0', maxTtlSeconds: 3600, approvalWaitSeconds: 25 } };
      },
      on: () => undefined,
      removeListener: () => undefined,
    },
  };
  const module = { exports: {} };
  // Sandboxed preloads get a `require` for a few modules only; code generation off stands in for the CSP without 'unsafe-eval'.
  const context = vm.createContext({
    module, exports: module.exports, console,
    require: (name: string) => {
      required.push(name);
      if (name === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${name}`);
    },
  }, { codeGeneration: { strings: false, wasm: false } });
  vm.runInContext(readFileSync(join(out, 'preload.cjs'), 'utf8'), context, { filename: 'preload.cjs' });

  assert.deepEqual(required, ['electron']);
  assert.deepEqual([...exposed.keys()], ['hallpass']);
  const api = exposed.get('hallpass')!;
  assert.deepEqual(Object.keys(api).sort(), [...commandNames, 'onEvent'].sort());
  const status = await (api.status as () => Promise<unknown>)();
  assert.deepEqual(JSON.parse(JSON.stringify(status)), { lockedDown: false, version: '0.1.0', maxTtlSeconds: 3600, approvalWaitSeconds: 25 });
  assert.deepEqual(invoked, [commandChannel('status')]);
});
