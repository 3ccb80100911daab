/** install → install → uninstall over every client and platform layout: idempotent, byte-identical round trip. */
import assert from 'node:assert/strict';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'jsonc-parser';
import { AGENT_KINDS, agentKindInfo, type AgentKind, type ConfigScope } from '../../../main/core/agents/agent-kinds.ts';
import { configTarget, type ConfigTarget } from '../../../main/core/agents/config-locations.ts';
import { hallpassEntry } from '../../../main/core/agents/hallpass-entry.ts';
import { installAgent } from '../../../main/core/agents/install-agent.ts';
import { uninstallAgent } from '../../../main/core/agents/uninstall-agent.ts';
import { authenticate } from '../../../main/core/clients/client-tokens.ts';
import { openStore } from '../../../main/core/store/open-store.ts';
import { fileHash, fixtureTree, TEST_ENDPOINT, testClockAndIds, type FixturePlatform } from './fixture-tree.ts';

const PLATFORMS: FixturePlatform[] = ['darwin', 'win32', 'linux'];

/** The document as plain objects (jsonc-parser builds null-prototype ones). */
function plain(text: string): unknown {
  return JSON.parse(JSON.stringify(parse(text.replace(/^\uFEFF/, ''), [], { allowTrailingComma: true }) ?? {}));
}

function servers(text: string, target: ConfigTarget): Record<string, unknown> {
  let value: unknown = plain(text);
  for (const key of target.container) value = (value as Record<string, unknown> | undefined)?.[key];
  return (value ?? {}) as Record<string, unknown>;
}

/** The document without the servers object, and without parents left empty (created by the install). */
function withoutContainer(text: string, target: ConfigTarget): unknown {
  const value = plain(text) as Record<string, unknown>;
  for (let depth = target.container.length; depth > 0; depth -= 1) {
    let parent: Record<string, unknown> | undefined = value;
    for (const key of target.container.slice(0, depth - 1)) parent = parent?.[key] as Record<string, unknown> | undefined;
    const key = target.container[depth - 1]!;
    if (!parent || (depth < target.container.length && Object.keys((parent[key] ?? {}) as object).length > 0)) break;
    delete parent[key];
  }
  return value;
}

async function backups(file: string): Promise<string[]> {
  return (await readdir(dirname(file))).filter((f) => f.startsWith(`${basename(file)}.hallpass-backup-`));
}

async function roundTrip(platform: FixturePlatform, kind: AgentKind, scope: ConfigScope): Promise<void> {
  await using tree = await fixtureTree(platform);
  using store = disposableStore();
  const { clock, ids } = testClockAndIds();
  const target = configTarget(kind, scope, tree.roots, tree.project);
  const before = await fileHash(target.file);
  const original = before === 'absent' ? '' : await readFile(target.file, 'utf8');
  const originalMode = before === 'absent' ? undefined : (await stat(target.file)).mode & 0o777;

  const first = await installAgent(target, { store: store.store, ids, clock, endpoint: TEST_ENDPOINT });
  assert.equal(first.action, 'written');
  assert.equal(first.client, 'created');
  const installed = await readFile(target.file, 'utf8');
  const entry = servers(installed, target).hallpass as Record<string, unknown>;
  const token = (entry.env as Record<string, string> | undefined)?.HALLPASS_TOKEN ?? String((entry.headers as Record<string, string>).Authorization).slice('Bearer '.length);
  assert.deepEqual(entry, hallpassEntry(agentKindInfo(kind).style, TEST_ENDPOINT, token));
  assert.equal(authenticate(store.store, token)?.name, target.clientName);
  // Every other server and every other key survived.
  const { hallpass: _ours, ...others } = servers(installed, target);
  assert.deepEqual(others, servers(original, target));
  assert.deepEqual(withoutContainer(installed, target), withoutContainer(original, target));
  if (originalMode !== undefined) {
    assert.equal((await stat(target.file)).mode & 0o777, originalMode, 'mode kept');
    const [backup] = await backups(target.file);
    assert.ok(backup, 'a timestamped backup');
    assert.match(backup, /\.hallpass-backup-20260115T093000Z$/);
    assert.equal(await fileHash(`${dirname(target.file)}/${backup}`), before, 'the backup holds the original bytes');
    assert.equal((await stat(`${dirname(target.file)}/${backup}`)).mode & 0o777, 0o600);
  } else {
    assert.equal((await stat(target.file)).mode & 0o777, 0o600, 'a new file holding a token is owner-only');
  }

  const afterFirst = await fileHash(target.file);
  const second = await installAgent(target, { store: store.store, ids, clock, endpoint: TEST_ENDPOINT });
  assert.equal(second.action, 'unchanged');
  assert.equal(await fileHash(target.file), afterFirst, 'a second install changes nothing');
  assert.equal(store.store.clients.list().length, 1);
  assert.equal((await backups(target.file)).length, originalMode === undefined ? 0 : 1, 'and leaves no second backup');

  clock.advance(1000);
  const removed = await uninstallAgent(target, { store: store.store, clock });
  assert.equal(removed.action, before === 'absent' ? 'deleted' : 'restored');
  assert.equal(removed.removedClient, target.clientName);
  assert.equal(await fileHash(target.file), before, 'uninstall restores the original byte for byte');
  assert.equal(store.store.clients.list().length, 0);
  assert.equal((await uninstallAgent(target, { store: store.store, clock })).action, before === 'absent' ? 'absent' : 'absent');
}

function disposableStore() {
  const store = openStore(':memory:');
  return { store, [Symbol.dispose]: () => void store.dispose() };
}

describe('install → install → uninstall, user scope', () => {
  for (const platform of PLATFORMS) {
    for (const kind of AGENT_KINDS) {
      test(`${kind} on ${platform}`, () => roundTrip(platform, kind, 'user'));
    }
  }
});

describe('install → install → uninstall, project scopes', () => {
  test('cursor project (.cursor/mcp.json with trailing commas)', () => roundTrip('linux', 'cursor', 'project'));
  test('vscode workspace (.vscode/mcp.json with a leading comment)', () => roundTrip('linux', 'vscode', 'project'));
  test('claude-code project (.mcp.json)', () => roundTrip('darwin', 'claude-code', 'project'));
  test('claude-code local scope (projects[dir].mcpServers in ~/.claude.json, created)', () => roundTrip('darwin', 'claude-code', 'local'));
});

describe('files that do not exist yet', () => {
  test('install creates the file (0600) and uninstall deletes it again', async () => {
    await using tree = await fixtureTree('linux');
    const target = configTarget('cursor', 'user', tree.roots);
    await rm(target.file);
    using store = disposableStore();
    const { clock, ids } = testClockAndIds();
    await installAgent(target, { store: store.store, ids, clock, endpoint: TEST_ENDPOINT });
    assert.equal((await stat(target.file)).mode & 0o777, 0o600);
    assert.equal((await uninstallAgent(target, { store: store.store, clock })).action, 'deleted');
    assert.equal(await fileHash(target.file), 'absent');
  });
});
