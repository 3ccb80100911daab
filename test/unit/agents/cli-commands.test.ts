/** The agent commands as a person runs them: messages, --dry-run, --json, refusals, exit statuses. */
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runDoctor, runImport, runInstall, runUninstall } from '../../../main/cli/agents/agent-commands.ts';
import { dataFiles } from '../../../main/core/paths/data-dir.ts';
import { openStore } from '../../../main/core/store/open-store.ts';
import { testCli } from './cli-context.ts';
import { fileHash, fixtureTree } from './fixture-tree.ts';

describe('hallpass install / uninstall', () => {
  test('install, again, uninstall: what each prints, and the file back as it was', async () => {
    await using tree = await fixtureTree('linux');
    await using cli = await testCli(tree);
    const file = join(tree.roots.xdgConfigHome, 'Claude', 'claude_desktop_config.json');
    const before = await fileHash(file);
    assert.equal(await cli.run(runInstall, ['claude-desktop']), 0, cli.err());
    assert.match(cli.out(), /Claude Desktop is connected to Hallpass as client "Claude Desktop" \(new token\)\.\n {2}file: {3}.*claude_desktop_config\.json\n {2}backup: .*hallpass-backup-20260115T093000Z\n(?: {2}note: .*\n)?Quit and reopen Claude Desktop/);
    const entry = JSON.parse(await readFile(file, 'utf8')).mcpServers.hallpass;
    assert.equal(entry.command, process.execPath, 'Claude Desktop gets an absolute node');
    assert.match(entry.args[0], /bin[/\\]hallpass\.mjs$/);
    assert.deepEqual(Object.keys(entry.env).sort(), ['HALLPASS_HOME', 'HALLPASS_TOKEN'], 'the shim is told the non-default data dir');
    assert.equal(await cli.run(runInstall, ['claude-desktop']), 0);
    assert.match(cli.out(), /already connected to Hallpass as client "Claude Desktop"; nothing changed\.\n/);
    assert.equal(await cli.run(runUninstall, ['claude-desktop']), 0);
    assert.match(cli.out(), /Removed Hallpass from Claude Desktop and client "Claude Desktop"; .* is exactly as before install\./);
    assert.equal(await fileHash(file), before);
  });

  test('--dry-run prints a diff with the secrets hidden and changes nothing; --json has no secrets either', async () => {
    await using tree = await fixtureTree('linux');
    await using cli = await testCli(tree);
    const file = join(tree.roots.home, '.cursor', 'mcp.json');
    await writeFile(file, '{\n  "mcpServers": {\n    "weather": { "command": "npx", "args": ["weather-mcp"], "env": { "WEATHER_KEY": "wk-secret-1" } }\n  }\n}\n');
    const before = await fileHash(file);
    assert.equal(await cli.run(runInstall, ['cursor', '--dry-run']), 0, cli.err());
    const out = cli.out();
    assert.match(out, /Dry run: would create client "Cursor" and write:/);
    assert.match(out, /\+ {4}"hallpass": \{/);
    assert.match(out, /\+ {8}"Authorization": "Bearer \*\*\*"/);
    assert.doesNotMatch(out, /wk-secret-1|token created on install/);
    assert.equal(await fileHash(file), before);
    assert.equal(await cli.run(runImport, ['cursor', '--dry-run', '--json']), 0);
    const json = JSON.parse(cli.out().slice(out.length));
    assert.deepEqual(json.candidates, [{ name: 'weather', id: 'weather', kind: 'stdio', command: 'npx', args: ['weather-mcp'], envNames: ['WEATHER_KEY'] }]);
    assert.match(json.diff, /- {4}"weather": \{ "command": "npx", "args": \["weather-mcp"\], "env": \{ "WEATHER_KEY": "\*\*\*" \} \},?/);
    assert.doesNotMatch(cli.out(), /wk-secret-1/);
  });

  test('clear refusals: unknown client, wrong scope, client not installed, broken file', async () => {
    await using tree = await fixtureTree('linux');
    await using cli = await testCli(tree);
    assert.equal(await cli.run(runInstall, ['windsurf']), 2);
    assert.match(cli.err(), /unknown agent client "windsurf": use one of claude-desktop, cursor, vscode, claude-code/);
    assert.equal(await cli.run(runInstall, ['claude-desktop', '--scope', 'project']), 2);
    assert.match(cli.err(), /Claude Desktop has no "project" scope: use user/);
    await rm(join(tree.roots.home, '.cursor'), { recursive: true });
    assert.equal(await cli.run(runInstall, ['cursor']), 1);
    assert.match(cli.err(), /Cursor does not seem to be installed here \(no .*\.cursor\); install it first, or pass --force/);
    await writeFile(join(tree.roots.home, '.claude.json'), '{"mcpServers": {');
    assert.equal(await cli.run(runInstall, ['claude-code']), 1);
    assert.match(cli.err(), /hallpass: .*\.claude\.json:1:\d+: invalid JSON .* nothing was changed\n$/);
  });
});

describe('hallpass import', () => {
  test('without a terminal and without --yes it lists the servers and refuses', async () => {
    await using tree = await fixtureTree('linux');
    await using cli = await testCli(tree);
    const file = join(tree.roots.xdgConfigHome, 'Claude', 'claude_desktop_config.json');
    const before = await fileHash(file);
    assert.equal(await cli.run(runImport, ['claude-desktop']), 1);
    assert.match(cli.out(), /Servers in .*claude_desktop_config\.json:\n {2}sqlite → sqlite: uvx mcp-server-sqlite --db-path \/home\/sam\/test\.db\n/);
    assert.match(cli.err(), /confirm with --yes \(stdin is not a terminal\)/);
    assert.equal(await fileHash(file), before);
  });

  test('--yes with servers that need no keychain: registered, removed from the file, client connected', async () => {
    await using tree = await fixtureTree('linux');
    await using cli = await testCli(tree);
    assert.equal(await cli.run(runImport, ['claude-desktop', '--yes']), 0, cli.err());
    assert.match(cli.out(), /Moved 1 server behind Hallpass; Claude Desktop is connected as client "Claude Desktop"\./);
    const store = openStore(dataFiles(cli.ctx.dataDir).db);
    try {
      assert.deepEqual(store.connections.list().map((c) => c.id), ['sqlite']);
    } finally {
      store.dispose();
    }
    const text = await readFile(join(tree.roots.xdgConfigHome, 'Claude', 'claude_desktop_config.json'), 'utf8');
    assert.deepEqual(Object.keys(JSON.parse(text).mcpServers), ['hallpass']);
  });
});

describe('hallpass doctor', () => {
  test('without a running Hallpass: actionable lines and exit status 1', async () => {
    await using tree = await fixtureTree('linux');
    await using cli = await testCli(tree);
    assert.equal(await cli.run(runInstall, ['vscode']), 0);
    const code = await cli.run(runDoctor, ['--project', tree.project]);
    const out = cli.out();
    assert.equal(code, 1);
    assert.match(out, /^Hallpass\n {2}FAIL {2}no Hallpass instance is running\n {8}→ start it: hallpass serve/m);
    assert.match(out, /^VS Code — .*Code\/User\/mcp\.json\n {2}ok {4}installed\n {2}ok {4}configured as client "VS Code"\n {3}-- {3}reachability not checked: Hallpass is not running/m);
    assert.match(out, /^Cursor — .*\.cursor\/mcp\.json\n {2}ok {4}installed\n {2}warn {2}not configured for Hallpass\n {8}→ hallpass install cursor$/m);
    assert.match(out, /^Cursor \(project\) — .*webapp\/\.cursor\/mcp\.json\n {2}ok {4}installed\n {2}warn {2}not configured for Hallpass\n {8}→ hallpass install cursor --scope project$/m);
    assert.match(out, /Problems found: see the FAIL lines above\.\n$/);
    assert.equal(await cli.run(runDoctor, ['--json']), 1);
    const json = JSON.parse(cli.out().slice(out.length));
    assert.equal(json.ok, false);
    assert.deepEqual(json.sections.map((s: { title: string }) => s.title), ['Hallpass', 'Claude Desktop', 'Cursor', 'VS Code', 'Claude Code']);
  });
});
