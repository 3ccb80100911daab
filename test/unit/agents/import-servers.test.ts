/** import: existing servers move behind Hallpass; env values go to the vault; all or nothing. */
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'jsonc-parser';
import { configTarget, type ConfigTarget } from '../../../main/core/agents/config-locations.ts';
import { resolveEnvReferences } from '../../../main/core/agents/env-references.ts';
import { applyImport, planImport, previewImport } from '../../../main/core/agents/import-servers.ts';
import type { AgentDeps } from '../../../main/core/agents/install-agent.ts';
import { uninstallAgent } from '../../../main/core/agents/uninstall-agent.ts';
import { openStore } from '../../../main/core/store/open-store.ts';
import { createMemoryVaultForTests } from '../../../main/core/vault/memory-vault.ts';
import { fileHash, fixtureTree, TEST_ENDPOINT, testClockAndIds, type FixturePlatform } from './fixture-tree.ts';

function servers(text: string, target: ConfigTarget): Record<string, unknown> {
  let value: unknown = JSON.parse(JSON.stringify(parse(text.replace(/^\uFEFF/, ''), [], { allowTrailingComma: true })));
  for (const key of target.container) value = (value as Record<string, unknown>)[key];
  return value as Record<string, unknown>;
}

async function setup(platform: FixturePlatform, kind: 'claude-desktop' | 'cursor' | 'vscode' | 'claude-code', scope: 'user' | 'project' = 'user') {
  const tree = await fixtureTree(platform);
  const store = openStore(':memory:');
  const vault = createMemoryVaultForTests();
  const { clock, ids } = testClockAndIds();
  const deps: AgentDeps & { vault: typeof vault } = { store, ids, clock, endpoint: TEST_ENDPOINT, vault };
  return {
    tree,
    store,
    vault,
    deps,
    target: configTarget(kind, scope, tree.roots, tree.project),
    [Symbol.asyncDispose]: async () => {
      store.dispose();
      await tree[Symbol.asyncDispose]();
    },
  };
}

describe('import', () => {
  test('Claude Desktop: stdio servers become connections, the token moves to the vault, the file keeps only hallpass', async () => {
    await using s = await setup('darwin', 'claude-desktop');
    const plan = await planImport(s.target, s.deps);
    assert.deepEqual(plan.candidates.map((c) => [c.name, c.importable]), [['filesystem', true], ['github', true]]);
    const report = await applyImport(plan, s.deps);
    assert.deepEqual(report.imported, [
      { name: 'filesystem', id: 'filesystem', kind: 'stdio', envNames: [] },
      { name: 'github', id: 'github', kind: 'stdio', envNames: ['GITHUB_PERSONAL_ACCESS_TOKEN'] },
    ]);
    const github = s.store.connections.get('github');
    assert.equal(github?.kind, 'stdio');
    assert.deepEqual(github.kind === 'stdio' && github.env, { GITHUB_PERSONAL_ACCESS_TOKEN: 'hallpass-vault:GITHUB_PERSONAL_ACCESS_TOKEN' });
    assert.deepEqual(github.kind === 'stdio' && github.args, ['run', '-i', '--rm', '-e', 'GITHUB_PERSONAL_ACCESS_TOKEN', 'ghcr.io/github/github-mcp-server']);
    // SECURITY: the secret is in the vault and nowhere in the database or the client's file.
    assert.ok(!JSON.stringify(s.store.connections.list()).includes('ghp_FIXTURE'));
    const text = await readFile(s.target.file, 'utf8');
    assert.ok(!text.includes('ghp_FIXTURE'));
    assert.deepEqual(Object.keys(servers(text, s.target)), ['hallpass']);
    assert.match(text, /"globalShortcut": "Alt\+Space"/);
    assert.deepEqual(await resolveEnvReferences(s.vault, 'github', github.kind === 'stdio' ? github.env : {}), { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_FIXTURExxxxxxxxxxxxxxxxxxxxxxxxxxxx1' });
    assert.deepEqual(s.vault.accounts(), ['github'], 'a server without env needs no keychain item');
    // The backup keeps the original (it holds the secret, so it is owner-only).
    assert.ok(report.backup);
    assert.match(await readFile(report.backup, 'utf8'), /ghp_FIXTURE/);
  });

  test('Cursor: a stdio server and a plain https server; spacing and the comment of the file survive', async () => {
    await using s = await setup('darwin', 'cursor');
    const report = await applyImport(await planImport(s.target, s.deps), s.deps);
    assert.deepEqual(report.imported.map((i) => [i.id, i.kind]), [['postgres', 'stdio'], ['linear', 'remote']]);
    assert.deepEqual(s.store.connections.get('linear'), { kind: 'remote', id: 'linear', url: 'https://mcp.linear.app/mcp', enabled: true });
    const text = await readFile(s.target.file, 'utf8');
    assert.match(text, /\/\/ local Postgres, read-only role/, 'comments are kept');
    assert.deepEqual(Object.keys(servers(text, s.target)), ['hallpass']);
  });

  test('entries that cannot be fronted stay in the file with the reason, the rest move', async () => {
    await using s = await setup('linux', 'cursor', 'project');
    const plan = await planImport(s.target, s.deps);
    assert.deepEqual(plan.candidates, [{ name: 'context7', importable: false, reason: 'it sends its own headers (an API key?), which Hallpass remote connections do not carry; it stays in the client' }]);
    const report = await applyImport(plan, s.deps);
    assert.deepEqual(report.imported, []);
    assert.deepEqual(Object.keys(servers(await readFile(s.target.file, 'utf8'), s.target)), ['context7', 'hallpass']);
  });

  test('VS Code ${input:…} variables are left to VS Code', async () => {
    await using s = await setup('linux', 'vscode', 'project');
    const plan = await planImport(s.target, s.deps);
    assert.deepEqual(plan.candidates.map((c) => (c.importable ? c.name : c.reason)), ['it uses ${…} variables that only the client can fill in']);
  });

  test('project servers keep the project as their working directory; VS Code user servers of both kinds', async () => {
    await using s = await setup('darwin', 'claude-code', 'project');
    await applyImport(await planImport(s.target, s.deps), s.deps);
    const docs = s.store.connections.get('shared-docs');
    assert.equal(docs?.kind === 'stdio' && docs.cwd, s.tree.project);
    await using v = await setup('darwin', 'vscode');
    const report = await applyImport(await planImport(v.target, v.deps), v.deps);
    assert.deepEqual(report.imported.map((i) => [i.id, i.kind]), [['memory', 'stdio'], ['github', 'remote']]);
  });

  test('Claude Code local scope: servers kept per project in ~/.claude.json start in that project', async () => {
    await using s = await setup('linux', 'claude-code');
    const local = configTarget('claude-code', 'local', s.tree.roots, s.tree.project);
    await writeFile(local.file, `${JSON.stringify({ numStartups: 1, projects: { [s.tree.project]: { mcpServers: { 'Local Tool': { command: 'node', args: ['./tool.js'] } } } } }, null, 2)}\n`);
    const report = await applyImport(await planImport(local, s.deps), s.deps);
    assert.deepEqual(report.imported.map((i) => i.id), ['local-tool']);
    const tool = s.store.connections.get('local-tool');
    assert.equal(tool?.kind === 'stdio' && tool.cwd, s.tree.project);
    assert.deepEqual(Object.keys(servers(await readFile(local.file, 'utf8'), local)), ['hallpass']);
  });

  test('ids are sanitised and collisions numbered; --only picks servers; unknown names are refused', async () => {
    await using s = await setup('darwin', 'claude-desktop');
    s.store.connections.put({ kind: 'stdio', id: 'github', command: 'x', args: [], env: {}, enabled: true });
    await assert.rejects(planImport(s.target, s.deps, ['nope']), /has no server named "nope"/);
    const report = await applyImport(await planImport(s.target, s.deps, ['github']), s.deps);
    assert.deepEqual(report.imported.map((i) => i.id), ['github-2']);
    assert.deepEqual(Object.keys(servers(await readFile(s.target.file, 'utf8'), s.target)), ['filesystem', 'hallpass']);
  });

  test('a dry run changes nothing', async () => {
    await using s = await setup('darwin', 'claude-desktop');
    const before = await fileHash(s.target.file);
    const preview = previewImport(await planImport(s.target, s.deps), TEST_ENDPOINT);
    assert.match(preview.after, /<token created on install>/);
    assert.equal(await fileHash(s.target.file), before);
    assert.equal(s.store.clients.list().length + s.store.connections.list().length + s.vault.accounts().length, 0);
  });

  test('a failed write rolls everything back: no connection, no keychain item, no client; the file as the client left it', async () => {
    await using s = await setup('darwin', 'claude-desktop');
    const rewritten = '{ "mcpServers": {} }\n';
    const plan = await planImport(s.target, s.deps);
    await assert.rejects(applyImport(plan, { ...s.deps, beforeCommit: () => writeFile(s.target.file, rewritten) }), /changed while Hallpass was editing it/);
    assert.deepEqual(s.store.connections.list(), []);
    assert.deepEqual(s.vault.accounts(), []);
    assert.deepEqual(s.store.clients.list(), []);
    assert.equal(await readFile(s.target.file, 'utf8'), rewritten);
    assert.deepEqual((await readdir(dirname(s.target.file))).filter((f) => f.includes('hallpass')), []);
  });

  test('import twice: the second finds nothing to move and writes nothing; uninstall removes only hallpass', async () => {
    await using s = await setup('win32', 'claude-desktop');
    await applyImport(await planImport(s.target, s.deps), s.deps);
    const afterImport = await fileHash(s.target.file);
    const again = await planImport(s.target, s.deps);
    assert.deepEqual(again.candidates, []);
    const report = await applyImport(again, s.deps);
    assert.equal(report.backup, undefined);
    assert.equal(await fileHash(s.target.file), afterImport);
    await uninstallAgent(s.target, s.deps);
    const text = await readFile(s.target.file, 'utf8');
    assert.equal(text, '\uFEFF{\r\n    "mcpServers": {\r\n    }\r\n}\r\n', 'the servers stay in Hallpass; only the entry left');
    assert.equal(s.store.connections.list().length, 1);
  });
});
