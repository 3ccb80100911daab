/** Bad config files and hostile conditions: a clear error, the original byte-for-byte unchanged, nothing left behind. */
import assert from 'node:assert/strict';
import { chmod, chown, mkdir, readdir, readFile, rm, symlink, writeFile, lstat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { configTarget, type ConfigTarget } from '../../../main/core/agents/config-locations.ts';
import { installAgent, type AgentDeps } from '../../../main/core/agents/install-agent.ts';
import { uninstallAgent } from '../../../main/core/agents/uninstall-agent.ts';
import { ConfigFileError } from '../../../main/core/agents/json-document.ts';
import { openStore } from '../../../main/core/store/open-store.ts';
import type { Store } from '../../../main/core/store/store-types.ts';
import { fileHash, fixtureTree, TEST_ENDPOINT, testClockAndIds } from './fixture-tree.ts';

interface Setup extends AsyncDisposable {
  target: ConfigTarget;
  store: Store;
  deps: AgentDeps;
}

async function setup(kind: 'claude-desktop' | 'cursor' | 'vscode' | 'claude-code', content?: string | Buffer): Promise<Setup> {
  const tree = await fixtureTree('darwin');
  const target = configTarget(kind, 'user', tree.roots);
  if (content !== undefined) await writeFile(target.file, content);
  const store = openStore(':memory:');
  const { clock, ids } = testClockAndIds();
  return {
    target,
    store,
    deps: { store, ids, clock, endpoint: TEST_ENDPOINT },
    [Symbol.asyncDispose]: async () => {
      store.dispose();
      await tree[Symbol.asyncDispose]();
    },
  };
}

/** Runs `act`, expecting a ConfigFileError matching `message`; checks the file, its directory and the store are as before. */
async function expectRefused(s: Setup, act: () => Promise<unknown>, message: RegExp): Promise<void> {
  const hash = await fileHash(s.target.file);
  const listing = (await readdir(dirname(s.target.file))).sort();
  const clients = s.store.clients.list().length;
  await assert.rejects(act, (error: unknown) => {
    assert.ok(error instanceof ConfigFileError, `a ConfigFileError, got ${String(error)}`);
    assert.match(error.message, message);
    return true;
  });
  assert.equal(await fileHash(s.target.file), hash, 'the original is byte-for-byte unchanged');
  assert.deepEqual((await readdir(dirname(s.target.file))).sort(), listing, 'no temp file or backup is left behind');
  assert.equal(s.store.clients.list().length, clients, 'no client is left behind');
}

describe('malformed and partly written files', () => {
  const cases: [string, 'claude-desktop' | 'cursor' | 'vscode' | 'claude-code', string, RegExp][] = [
    ['truncated mid-write', 'claude-desktop', '{\n  "mcpServers": {\n    "github": {\n      "command": "doc', /:4:\d+: invalid JSON .*partly written/],
    ['comments in a strict JSON file', 'claude-desktop', '{\n  // mine\n  "mcpServers": {}\n}\n', /comments are not allowed/],
    ['a trailing comma in a strict JSON file', 'claude-code', '{\n  "mcpServers": {},\n}\n', /trailing comma/],
    ['a top-level array', 'cursor', '[{"mcpServers": {}}]\n', /top level is an array/],
    ['servers that are not an object', 'vscode', '{ "servers": ["memory"] }\n', /"servers" is an array, not an object/],
    ['a duplicate key', 'cursor', '{ "mcpServers": { "a": {"url": "https://a"}, "a": {"url": "https://b"} } }\n', /key "a" appears twice/],
    ['garbage after the value', 'claude-desktop', '{ "mcpServers": {} } {', /invalid JSON \(end of file expected/],
    ['an entry named hallpass that Hallpass did not write', 'cursor', '{ "mcpServers": { "hallpass": { "command": "hallpass-cli", "args": ["mcp"] } } }\n', /did not write \(it has keys Hallpass does not write \(command, args\)\)/],
    ['a hallpass entry without a token', 'claude-code', '{ "mcpServers": { "hallpass": { "type": "http", "url": "http://127.0.0.1:4255/mcp" } } }\n', /no "Authorization: Bearer …" header/],
  ];
  for (const [name, kind, content, message] of cases) {
    test(name, async () => {
      await using s = await setup(kind, content);
      await expectRefused(s, () => installAgent(s.target, s.deps), message);
      await expectRefused(s, () => uninstallAgent(s.target, s.deps), /./);
    });
  }

  test('bytes that are not UTF-8', async () => {
    await using s = await setup('cursor', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]));
    await expectRefused(s, () => installAgent(s.target, s.deps), /not UTF-8/);
  });

  test('a directory where the file should be', async () => {
    await using s = await setup('cursor');
    await rm(s.target.file);
    await mkdir(s.target.file);
    await expectRefused(s, () => installAgent(s.target, s.deps), /not a regular file/);
  });

  test('a symbolic link to a missing file', async () => {
    await using s = await setup('cursor');
    await rm(s.target.file);
    await symlink(join(dirname(s.target.file), 'nowhere.json'), s.target.file);
    await expectRefused(s, () => installAgent(s.target, s.deps), /symbolic link to a missing file/);
  });
});

describe('files Hallpass must not or cannot write', () => {
  test('a read-only file', async () => {
    await using s = await setup('claude-desktop');
    await chmod(s.target.file, 0o444);
    await expectRefused(s, () => installAgent(s.target, s.deps), /read-only \(mode 444\).*chmod u\+w/);
  });

  test('a file owned by another user', { skip: process.getuid?.() === 0 ? false : 'needs root to give a file to another user' }, async () => {
    await using s = await setup('claude-code');
    await chown(s.target.file, 65534, 65534);
    await expectRefused(s, () => installAgent(s.target, s.deps), /belongs to another user \(uid 65534\)/);
  });

  test('a file a running client rewrites between read and write', async () => {
    await using s = await setup('claude-code');
    const rewritten = '{\n  "numStartups": 43,\n  "mcpServers": {}\n}\n';
    const deps = { ...s.deps, beforeCommit: () => writeFile(s.target.file, rewritten) };
    await assert.rejects(installAgent(s.target, deps), /changed while Hallpass was editing it/);
    assert.equal(await readFile(s.target.file, 'utf8'), rewritten, "the client's write stands; ours never lands");
    assert.equal(s.store.clients.list().length, 0, 'the client created for the entry is rolled back');
    assert.deepEqual((await readdir(dirname(s.target.file))).filter((f) => f.includes('hallpass')), [], 'no temp file, no backup');
  });

  test('uninstall also refuses a file rewritten meanwhile, and keeps the client', async () => {
    await using s = await setup('vscode');
    await installAgent(s.target, s.deps);
    const deps = { ...s.deps, beforeCommit: () => writeFile(s.target.file, '{ "servers": {} }') };
    await assert.rejects(uninstallAgent(s.target, deps), /changed while Hallpass was editing it/);
    assert.equal(await readFile(s.target.file, 'utf8'), '{ "servers": {} }');
    assert.equal(s.store.clients.list().length, 1);
  });

  test('a symlinked config is edited at its target and the link survives', async () => {
    await using s = await setup('cursor');
    const real = join(dirname(s.target.file), 'dotfiles-mcp.json');
    await writeFile(real, await readFile(s.target.file));
    await rm(s.target.file);
    await symlink(real, s.target.file);
    const before = await fileHash(real);
    await installAgent(s.target, s.deps);
    assert.ok((await lstat(s.target.file)).isSymbolicLink());
    assert.notEqual(await fileHash(real), before);
    await uninstallAgent(s.target, s.deps);
    assert.equal(await fileHash(real), before);
  });
});
