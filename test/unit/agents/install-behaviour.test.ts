/** install/uninstall beyond the plain round trip: stale tokens, moved ports, edits made meanwhile, dry runs. */
import assert from 'node:assert/strict';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { configTarget } from '../../../main/core/agents/config-locations.ts';
import { installAgent, TOKEN_PLACEHOLDER, type AgentDeps } from '../../../main/core/agents/install-agent.ts';
import { uninstallAgent } from '../../../main/core/agents/uninstall-agent.ts';
import { openStore } from '../../../main/core/store/open-store.ts';
import { fileHash, fixtureTree, TEST_ENDPOINT, testClockAndIds } from './fixture-tree.ts';

async function setup(kind: 'claude-desktop' | 'cursor' | 'vscode' | 'claude-code', scope: 'user' | 'project' = 'user') {
  const tree = await fixtureTree('darwin');
  const store = openStore(':memory:');
  const { clock, ids } = testClockAndIds();
  const deps: AgentDeps = { store, ids, clock, endpoint: TEST_ENDPOINT };
  return {
    store,
    deps,
    target: configTarget(kind, scope, tree.roots, tree.project),
    [Symbol.asyncDispose]: async () => {
      store.dispose();
      await tree[Symbol.asyncDispose]();
    },
  };
}

describe('install keeps one client per file', () => {
  test('a token whose client was removed is replaced by a new client; uninstall still restores the original', async () => {
    await using s = await setup('claude-desktop');
    const original = await fileHash(s.target.file);
    await installAgent(s.target, s.deps);
    const [first] = s.store.clients.list();
    s.store.clients.remove(first!.id);
    const again = await installAgent(s.target, s.deps);
    assert.equal(again.action, 'written');
    assert.equal(again.client, 'created');
    assert.equal(again.clientName, 'Claude Desktop');
    assert.equal(s.store.clients.list().length, 1);
    assert.notEqual(s.store.clients.list()[0]!.id, first!.id);
    await uninstallAgent(s.target, s.deps);
    assert.equal(await fileHash(s.target.file), original);
  });

  test('a moved port rewrites the entry with the same client and token', async () => {
    await using s = await setup('cursor');
    await installAgent(s.target, s.deps);
    const token = /Bearer (\S+)"/.exec(await readFile(s.target.file, 'utf8'))![1];
    const moved = await installAgent(s.target, { ...s.deps, endpoint: { ...TEST_ENDPOINT, url: 'http://127.0.0.1:5999/mcp' } });
    assert.deepEqual([moved.action, moved.client], ['written', 'reused']);
    const text = await readFile(s.target.file, 'utf8');
    assert.match(text, /127\.0\.0\.1:5999\/mcp/);
    assert.equal(/Bearer (\S+)"/.exec(text)![1], token);
    assert.equal(s.store.clients.list().length, 1);
  });

  test('an entry the person deleted: reinstall retires the old client and reuses its name', async () => {
    await using s = await setup('claude-code');
    const original = await readFile(s.target.file, 'utf8');
    await installAgent(s.target, s.deps);
    await writeFile(s.target.file, original);
    const again = await installAgent(s.target, s.deps);
    assert.deepEqual([again.client, again.clientName], ['created', 'Claude Code']);
    assert.equal(s.store.clients.list().length, 1);
  });

  test('the name is numbered when an unrelated client already has it', async () => {
    await using s = await setup('vscode');
    s.store.clients.add({ id: 'cli_other', name: 'VS Code', tokenHash: '0'.repeat(64), createdAt: 0 });
    assert.equal((await installAgent(s.target, s.deps)).clientName, 'VS Code 2');
  });
});

describe('uninstall after the file changed', () => {
  test('a server the person added meanwhile stays; only the hallpass entry goes', async () => {
    await using s = await setup('cursor');
    await installAgent(s.target, s.deps);
    const text = await readFile(s.target.file, 'utf8');
    const edited = text.replace('"mcpServers": {', '"mcpServers": {\n    "added": { "url": "https://example.com/mcp" },');
    await writeFile(s.target.file, edited);
    const report = await uninstallAgent(s.target, s.deps);
    assert.equal(report.action, 'edited');
    const after = await readFile(s.target.file, 'utf8');
    assert.match(after, /"added": \{ "url": "https:\/\/example.com\/mcp" \}/);
    assert.doesNotMatch(after, /hallpass|Bearer/);
    assert.equal(s.store.clients.list().length, 0);
  });

  test('uninstall where nothing was installed changes nothing', async () => {
    await using s = await setup('vscode');
    const before = await fileHash(s.target.file);
    assert.equal((await uninstallAgent(s.target, s.deps)).action, 'absent');
    assert.equal(await fileHash(s.target.file), before);
  });
});

describe('dry runs and warnings', () => {
  test('install --dry-run shows the change and makes none', async () => {
    await using s = await setup('claude-desktop');
    const before = await fileHash(s.target.file);
    const plan = await installAgent(s.target, s.deps, { dryRun: true });
    assert.equal(plan.action, 'planned');
    assert.ok(plan.preview?.after.includes(TOKEN_PLACEHOLDER));
    assert.equal(await fileHash(s.target.file), before);
    assert.equal(s.store.clients.list().length, 0);
    await installAgent(s.target, s.deps);
    const undo = await uninstallAgent(s.target, s.deps, { dryRun: true });
    assert.equal(undo.preview?.after, await readFile(`${s.target.file}.hallpass-backup-20260115T093000Z`, 'utf8'));
    assert.equal(s.store.clients.list().length, 1);
  });

  test('a world-readable file and a project file get a warning about the token', async () => {
    await using s = await setup('cursor', 'project');
    await chmod(s.target.file, 0o644);
    const report = await installAgent(s.target, s.deps);
    assert.equal(report.warnings.length, 2);
    assert.match(report.warnings[0]!, /readable by other users \(mode 644\)/);
    assert.match(report.warnings[1]!, /often committed/);
  });
});
