/**
 * Against a real `hallpass serve`: import moves a client's servers behind the gate and real MCP clients
 * reach them only through Hallpass, over the written HTTP entry and over the written shim entry; doctor
 * checks the live instance; the MCP Inspector CLI connects independently through the written files.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { runDoctor, runImport, runInstall } from '../../../main/cli/agents/agent-commands.ts';
import type { ConnectionView, RequestView } from '../../../main/core/control/schemas.ts';
import { everythingServerConfig, filesystemServerConfig } from '../../support/downstream-servers.ts';
import { startServeProcess, type ServeProcess } from '../../support/serve-process.ts';
import { testCli, type TestCli } from '../../unit/agents/cli-context.ts';
import { fixtureTree, type FixtureTree } from '../../unit/agents/fixture-tree.ts';

const require = createRequire(import.meta.url);

/** The Inspector's launcher (a devDependency: missing means a broken install, which fails the test). */
function inspectorLauncher(): string {
  return join(dirname(require.resolve('@modelcontextprotocol/inspector/package.json')), 'clients', 'launcher', 'build', 'index.js');
}

describe('agents connected to a live hallpass serve', { timeout: 120_000 }, () => {
  let tree: FixtureTree;
  let serve: ServeProcess;
  let cli: TestCli;
  let shared: string;
  const clients: Client[] = [];
  const claudeJson = () => join(tree.roots.home, '.claude.json');
  const desktopJson = () => join(tree.roots.xdgConfigHome, 'Claude', 'claude_desktop_config.json');

  before(async () => {
    tree = await fixtureTree('linux');
    shared = await mkdtemp(join(tmpdir(), 'hallpass-agents-files-'));
    await writeFile(join(shared, 'note.txt'), 'hello from the filesystem server\n');
    const everything = everythingServerConfig();
    const files = filesystemServerConfig('files', shared);
    await writeFile(claudeJson(), `${JSON.stringify({ numStartups: 5, mcpServers: { everything: { type: 'stdio', command: everything.command, args: everything.args, env: {} } } }, null, 2)}\n`);
    await writeFile(desktopJson(), `${JSON.stringify({ mcpServers: { files: { command: files.command, args: files.args } } }, null, 2)}\n`);
    serve = await startServeProcess({ args: ['--approval-wait', '1'] });
    cli = await testCli(tree, {}, serve.home);
  });

  after(async () => {
    for (const c of clients) await c.close().catch(() => undefined);
    await serve?.stop();
    await cli?.[Symbol.asyncDispose]();
    await tree?.[Symbol.asyncDispose]();
    if (shared) await rm(shared, { recursive: true, force: true });
  });

  async function running(id: string): Promise<void> {
    for (let i = 0; i < 300; i += 1) {
      const list = (await serve.api('GET', '/api/connections')).body as ConnectionView[];
      if (list.find((c) => c.id === id)?.status === 'running') return;
      await sleep(100);
    }
    throw new Error(`connection ${id} did not start: ${JSON.stringify((await serve.api('GET', '/api/connections')).body)}`);
  }

  async function listed(client: Client, name: string): Promise<string[]> {
    let names: string[] = [];
    for (let i = 0; i < 100 && !names.includes(name); i += 1) {
      names = (await client.listTools()).tools.map((t) => t.name);
      if (!names.includes(name)) await sleep(100);
    }
    return names;
  }

  test('import moves the server behind the gate; an SDK client reaches it only through Hallpass, once approved', async () => {
    assert.equal(await cli.run(runImport, ['claude-code', '--yes']), 0, cli.err());
    const config = JSON.parse(await readFile(claudeJson(), 'utf8'));
    assert.deepEqual(Object.keys(config.mcpServers), ['hallpass'], 'the agent no longer starts the server itself');
    assert.equal(config.numStartups, 5);
    const entry = config.mcpServers.hallpass;
    assert.equal(entry.url, serve.mcpUrl, 'the entry points at the running instance');
    await running('everything');

    const client = new Client({ name: 'claude-code-like', version: '1.0.0' });
    clients.push(client);
    await client.connect(new StreamableHTTPClientTransport(new URL(entry.url), { requestInit: { headers: entry.headers } }));
    const names = await listed(client, 'everything__echo');
    assert.ok(names.includes('everything__echo') && names.includes('hallpass__request_access'), names.join(', '));
    const first = await client.callTool({ name: 'everything__echo', arguments: { message: 'through the gate' } });
    assert.equal(first.isError, true, 'no session yet: gated');
    const requests = (await serve.api('GET', '/api/requests')).body as RequestView[];
    const pending = requests.find((r) => r.state === 'pending' && r.clientName === 'Claude Code');
    assert.ok(pending, 'a pending request of the imported client');
    assert.equal((await serve.api('POST', `/api/requests/${pending.id}/approve`, { ttlSeconds: 60 })).status, 200);
    const second = await client.callTool({ name: 'everything__echo', arguments: { message: 'through the gate' } });
    assert.notEqual(second.isError, true, JSON.stringify(second));
    assert.match(JSON.stringify(second.content), /Echo: through the gate/);
  });

  test('Claude Desktop: import + the written shim entry reach Hallpass over stdio', async () => {
    assert.equal(await cli.run(runImport, ['claude-desktop', '--yes']), 0, cli.err());
    const entry = JSON.parse(await readFile(desktopJson(), 'utf8')).mcpServers.hallpass;
    assert.deepEqual(Object.keys(JSON.parse(await readFile(desktopJson(), 'utf8')).mcpServers), ['hallpass']);
    await running('files');
    const client = new Client({ name: 'claude-desktop-like', version: '1.0.0' });
    clients.push(client);
    // As Claude Desktop does: the entry's command and args, a minimal environment plus the entry's env.
    await client.connect(new StdioClientTransport({ command: entry.command, args: entry.args, env: { ...getDefaultEnvironment(), ...entry.env }, stderr: 'pipe' }));
    const names = await listed(client, 'files__read_text_file');
    assert.ok(names.includes('files__read_text_file') && names.includes('everything__echo'), names.join(', '));
  });

  test('doctor against the live instance: clients configured and reachable, servers running', async () => {
    const code = await cli.run(runDoctor, ['--json']);
    const report = JSON.parse(cli.out().slice(cli.out().lastIndexOf('\n{\n') + 1)) as { ok: boolean; sections: { title: string; checks: { status: string; text: string }[] }[] };
    const section = (title: string) => report.sections.find((s) => s.title === title)!.checks;
    const has = (title: string, status: string, text: RegExp) => assert.ok(section(title).some((c) => c.status === status && text.test(c.text)), `${title}: ${status} ${text} in ${JSON.stringify(section(title))}`);
    has('Hallpass', 'ok', new RegExp(`instance running: pid ${serve.pid}, port ${serve.port}`));
    has('Hallpass', 'ok', /server "everything" \(stdio, .*\): running, \d+ tools/);
    has('Hallpass', 'ok', /server "files" \(stdio, .*\): running, \d+ tools/);
    has('Claude Code', 'ok', /configured as client "Claude Code"/);
    has('Claude Code', 'ok', /reachable over Streamable HTTP: \d+ tools/);
    has('Claude Desktop', 'ok', /reachable through the hallpass mcp shim: \d+ tools/);
    has('Cursor', 'warn', /not configured for Hallpass/);
    // Only the keychain may fail here (no Secret Service in this run); every other check passed.
    const failures = report.sections.flatMap((s) => s.checks.filter((c) => c.status === 'fail').map((c) => c.text));
    assert.ok(failures.every((f) => /keychain/.test(f)), failures.join('\n'));
    assert.equal(code, failures.length === 0 ? 0 : 1);
  });

  test('MCP Inspector (CLI mode) connects through the written configuration', async (t) => {
    const launcher = inspectorLauncher();
    const project = await mkdtemp(join(tmpdir(), 'hallpass-agents-inspector-'));
    t.after(() => rm(project, { recursive: true, force: true }));
    assert.equal(await cli.run(runInstall, ['claude-code', '--scope', 'project', '--project', project]), 0, cli.err());
    for (const config of [join(project, '.mcp.json'), desktopJson()]) {
      const result = await run(process.execPath, [launcher, '--cli', '--config', config, '--server', 'hallpass', '--method', 'tools/list', '--format', 'json']);
      assert.equal(result.code, 0, `${config}: ${result.stderr}`);
      const tools = (JSON.parse(result.stdout) as { result: { tools: { name: string }[] } }).result.tools.map((x) => x.name);
      assert.ok(tools.includes('everything__echo') && tools.includes('files__read_text_file'), `${config}: ${tools.join(', ')}`);
    }
  });
});

function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => void (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => void (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
