// "Connect an agent" over the control API of a real in-process serve: GET /api/agents and POST /api/agents/install
// against a fixture home (injected roots). The file is written once, idempotently, keeps everything else, and the
// token it holds works at /mcp — yet no API answer, event or log line ever carries it.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { parse } from 'jsonc-parser';
import type { AgentStatusView, InstallAgentResult } from '../../../main/core/control/schemas.ts';
import { dataFiles } from '../../../main/core/paths/data-dir.ts';
import { startServe, type RunningServe } from '../../../main/core/serve/start-serve.ts';
import { capturedLog, type CapturedLog } from '../../support/oidc-harness.ts';

const CURSOR_FILE = `// my Cursor servers
{
  "mcpServers": {
    "context7": {
      "url": "https://mcp.context7.com/mcp",
      "headers": { "CONTEXT7_API_KEY": "ctx7-secret-key-0001" }, // keep this
    },
  },
}
`;

describe('Connect an agent over the control API', { timeout: 60_000 }, () => {
  let dir: string;
  let home: string;
  let project: string;
  let serve: RunningServe;
  let log: CapturedLog;
  let token = '';
  const answers: string[] = [];
  const events: string[] = [];
  let offEvents: () => void = () => {};
  const cursorFile = () => join(home, '.cursor', 'mcp.json');

  const api = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`http://127.0.0.1:${serve.port}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    answers.push(text);
    return { status: res.status, body: JSON.parse(text) as T };
  };
  const install = (body: unknown) => api<InstallAgentResult & { error?: string }>('POST', '/api/agents/install', body);
  const agents = async () => (await api<AgentStatusView[]>('GET', '/api/agents')).body;
  /** The bearer token in Cursor's hallpass entry. */
  const entryToken = async (file = cursorFile()): Promise<string> => {
    const doc = parse(await readFile(file, 'utf8')) as { mcpServers: { hallpass: { headers: { Authorization: string } } } };
    return doc.mcpServers.hallpass.headers.Authorization.replace(/^Bearer /, '');
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hallpass-control-agents-'));
    home = join(dir, 'home');
    project = join(dir, 'webapp');
    await mkdir(join(home, '.cursor'), { recursive: true });
    await mkdir(join(home, '.config', 'Code', 'User'), { recursive: true });
    await mkdir(project);
    await writeFile(cursorFile(), CURSOR_FILE, { mode: 0o600 });
    log = capturedLog();
    serve = await startServe({
      dataDir: join(dir, 'data'), port: 0, log,
      agentRoots: { platform: 'linux', home, appData: join(home, 'AppData', 'Roaming'), xdgConfigHome: join(home, '.config') },
    });
    token = (await readFile(dataFiles(join(dir, 'data')).controlToken, 'utf8')).trim();
    offEvents = serve.core.control.onEvent((event) => events.push(event.type));
  });

  after(async () => {
    offEvents();
    await serve?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('GET /api/agents: per app, installed or not, connected or not', async () => {
    const list = await agents();
    assert.deepEqual(list.map((a) => [a.client, a.installed, a.state]), [
      ['claude-desktop', false, 'not-connected'], ['cursor', true, 'not-connected'], ['vscode', true, 'not-connected'], ['claude-code', false, 'not-connected'],
    ]);
    assert.deepEqual(list.find((a) => a.client === 'cursor'), { client: 'cursor', name: 'Cursor', scopes: ['user', 'project'], file: cursorFile(), installed: true, state: 'not-connected' });
    assert.deepEqual(list.find((a) => a.client === 'claude-desktop')?.scopes, ['user']);
  });

  test('a dry run shows the plan with secrets hidden and changes nothing', async () => {
    const { status, body } = await install({ client: 'cursor', dryRun: true });
    assert.equal(status, 200);
    assert.equal(body.action, 'created');
    assert.equal(body.dryRun, true);
    assert.equal(body.file, cursorFile());
    assert.equal(body.clientName, 'Cursor');
    assert.match(body.plan, /^\+\s+"hallpass": \{/m);
    assert.match(body.plan, /"Authorization": "Bearer \*\*\*"/);
    assert.match(body.plan, new RegExp(`"url": "${serve.mcpUrl}"`));
    assert.doesNotMatch(body.plan, /ctx7-secret-key-0001/, 'other servers\' secrets are hidden too');
    assert.equal(await readFile(cursorFile(), 'utf8'), CURSOR_FILE);
    assert.deepEqual(serve.core.control.clients(), [], 'no client yet');
  });

  test('install writes the entry once, keeps the rest, and its token works at /mcp', async () => {
    const { status, body } = await install({ client: 'cursor' });
    assert.equal(status, 200);
    assert.equal(body.action, 'created');
    assert.equal(body.dryRun, false);
    assert.match(body.backup ?? '', /mcp\.json\.hallpass-backup-/);
    assert.deepEqual(serve.core.control.clients().map((c) => c.name), ['Cursor']);
    assert.ok(events.includes('clients'), 'UIs hear that a client was added');
    const text = await readFile(cursorFile(), 'utf8');
    assert.ok(text.startsWith('// my Cursor servers\n{'), 'comments and formatting stay');
    assert.match(text, /"CONTEXT7_API_KEY": "ctx7-secret-key-0001" }, \/\/ keep this/);
    const secret = await entryToken();
    assert.ok(secret.length >= 20);
    const agent = new Client({ name: 'cursor-check', version: '1.0.0' });
    await agent.connect(new StreamableHTTPClientTransport(new URL(serve.mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${secret}` } } }));
    assert.ok((await agent.listTools()).tools.some((t) => t.name === 'hallpass__request_access'));
    await agent.close();
    assert.equal((await agents()).find((a) => a.client === 'cursor')?.state, 'connected');
  });

  test('a second install changes nothing: same bytes, same client, no new backup', async () => {
    const before = await readFile(cursorFile());
    const backups = (await readdir(join(home, '.cursor'))).length;
    const { body } = await install({ client: 'cursor' });
    assert.equal(body.action, 'unchanged');
    assert.equal(body.plan, `${cursorFile()}: no change`);
    assert.deepEqual(await readFile(cursorFile()), before);
    assert.equal((await readdir(join(home, '.cursor'))).length, backups);
    assert.deepEqual(serve.core.control.clients().map((c) => c.name), ['Cursor']);
  });

  test('an entry pointing elsewhere shows as outdated; the plan hides its token; applying keeps the client', async () => {
    const secret = await entryToken();
    await writeFile(cursorFile(), (await readFile(cursorFile(), 'utf8')).replace(serve.mcpUrl, 'http://127.0.0.1:1/mcp'));
    assert.equal((await agents()).find((a) => a.client === 'cursor')?.state, 'outdated');
    const plan = await install({ client: 'cursor', dryRun: true });
    assert.equal(plan.body.action, 'updated');
    assert.match(plan.body.plan, /^-.*127\.0\.0\.1:1\/mcp/m);
    const applied = await install({ client: 'cursor' });
    assert.equal(applied.body.action, 'updated');
    assert.equal(await entryToken(), secret, 'the same token, the same client');
    assert.deepEqual(serve.core.control.clients().map((c) => c.name), ['Cursor']);
  });

  test('project scope writes into an existing project directory only', async () => {
    const { status, body } = await install({ client: 'vscode', scope: 'project', projectDir: project });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.file, join(project, '.vscode', 'mcp.json'));
    assert.ok(body.warnings.some((w) => /often committed/.test(w)));
    const doc = parse(await readFile(body.file, 'utf8')) as { servers: { hallpass: { type: string; url: string } } };
    assert.deepEqual([doc.servers.hallpass.type, doc.servers.hallpass.url], ['http', serve.mcpUrl]);
    assert.ok(serve.core.control.clients().some((c) => c.name === 'VS Code project webapp'));
  });

  test('refusals: not installed 409, bad scope or project 400, bad input 400; nothing written', async () => {
    const cases: [unknown, number, RegExp][] = [
      [{ client: 'claude-desktop' }, 409, /Claude Desktop does not seem to be installed here/],
      [{ client: 'claude-desktop', scope: 'project', projectDir: project }, 400, /has no project scope/],
      [{ client: 'cursor', scope: 'project' }, 400, /absolute path of the project directory/],
      [{ client: 'cursor', scope: 'project', projectDir: 'webapp' }, 400, /absolute path/],
      [{ client: 'cursor', scope: 'project', projectDir: join(dir, 'missing') }, 400, /not an existing directory/],
      [{ client: 'cursor', projectDir: project }, 400, /project scope only/],
      [{ client: 'notepad' }, 400, /client/],
      [{ client: 'cursor', force: true }, 400, /force/],
      [{ client: 'cursor', scope: 'local' }, 400, /scope/],
    ];
    for (const [input, status, message] of cases) {
      const answer = await install(input);
      assert.equal(answer.status, status, JSON.stringify(input));
      assert.match(answer.body.error ?? '', message, JSON.stringify(input));
    }
    await assert.rejects(readFile(join(home, '.config', 'Claude', 'claude_desktop_config.json')));
    await assert.rejects(readFile(join(dir, 'missing', '.cursor', 'mcp.json')));
  });

  test('a malformed file is refused with a clear 409 and left byte for byte', async () => {
    const broken = '{ "servers": { "x": ';
    await writeFile(join(home, '.config', 'Code', 'User', 'mcp.json'), broken);
    const { status, body } = await install({ client: 'vscode' });
    assert.equal(status, 409);
    assert.match(body.error ?? '', /malformed or partly written/);
    assert.equal(await readFile(join(home, '.config', 'Code', 'User', 'mcp.json'), 'utf8'), broken);
    assert.equal((await agents()).find((a) => a.client === 'vscode')?.state, 'problem');
  });

  test('no token ever reached an answer, an event or the log', async () => {
    const files = [cursorFile(), join(project, '.vscode', 'mcp.json')];
    const tokens = (await Promise.all(files.map((f) => readFile(f, 'utf8')))).flatMap((text) => [...text.matchAll(/Bearer ([^"\s]+)"/g)].map((m) => m[1]!));
    assert.equal(tokens.length, 2);
    assert.ok(answers.length >= 15, `${answers.length} answers`);
    for (const secret of [...tokens, 'ctx7-secret-key-0001']) {
      for (const text of [...answers, events.join(','), log.text()]) assert.ok(!text.includes(secret), 'a secret leaked');
    }
  });
});
