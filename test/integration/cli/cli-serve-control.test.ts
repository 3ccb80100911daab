// The CLI against a running `hallpass serve`: a real SDK client through the stdio shim, and
// sessions / revoke / kill / rearm going through the instance so in-flight calls abort.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import type { RequestView, SessionView, StatusView } from '../../../main/core/control/schemas.ts';
import { CLI_ENTRY, cliEnv, createTempHome, runCli, startServeProcess, type ServeProcess } from '../../support/serve-process.ts';

const EVERYTHING = fileURLToPath(import.meta.resolve('@modelcontextprotocol/server-everything/dist/index.js'));
const LONG = 'everything__trigger-long-running-operation';

function text(result: { content?: unknown }): string {
  return (result.content as { type: string; text?: string }[] | undefined)?.map((c) => c.text ?? '').join('\n') ?? '';
}

describe('hallpass CLI with a running instance', () => {
  let home: string;
  let serve: ServeProcess;
  let token: string;
  let client: Client;

  before(async () => {
    home = await createTempHome();
    const added = await runCli(['servers', 'add', 'everything', '--', process.execPath, EVERYTHING, 'stdio'], { home });
    assert.equal(added.code, 0, added.stderr);
    const c = await runCli(['clients', 'add', 'agent', '--json'], { home });
    assert.equal(c.code, 0, c.stderr);
    token = (JSON.parse(c.stdout) as { token: string }).token;
    serve = await startServeProcess({ home, args: ['--approval-wait', '1'] });
    const env = cliEnv(home, { HALLPASS_TOKEN: token }) as Record<string, string>;
    client = new Client({ name: 'cli-shim-test', version: '1.0.0' });
    const transport = new StdioClientTransport({ command: process.execPath, args: [CLI_ENTRY, 'mcp'], env, stderr: 'pipe' });
    let shimStderr = '';
    transport.stderr?.on('data', (d: Buffer) => { shimStderr += d.toString(); });
    await client.connect(transport, { timeout: 20_000 }).catch((error: Error) => {
      throw new Error(`MCP initialize through \`hallpass mcp\` failed: ${error.message}; shim stderr: ${shimStderr || '(empty)'}; serve stderr: ${serve.output().stderr}`);
    });
  });
  after(async () => {
    await client?.close();
    await serve?.stop();
    await rm(home, { recursive: true, force: true });
  });

  /** Makes a call that opens a request, approves it as the person would in the UI, returns the session. */
  async function approvedSession(): Promise<string> {
    const first = await client.callTool({ name: 'everything__echo', arguments: { message: 'hello' } });
    assert.equal(first.isError, true, 'no session yet: the call reports a pending request');
    const requests = (await serve.api('GET', '/api/requests')).body as RequestView[];
    const pending = requests.find((r) => r.state === 'pending' && r.clientName === 'agent');
    assert.ok(pending, 'a pending request for the agent');
    const approved = await serve.api('POST', `/api/requests/${pending.id}/approve`, { ttlSeconds: 600 });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    return (approved.body as SessionView).id;
  }

  /** Starts a long call and resolves once its first progress arrived (it is in flight downstream).
   * The call is wrapped: an async function returning a bare promise would wait for it. */
  async function longCallInFlight(): Promise<{ call: Promise<{ isError?: boolean; content?: unknown }> }> {
    let progressed: () => void = () => {};
    const firstProgress = new Promise<void>((resolve) => { progressed = resolve; });
    const call = client.callTool({ name: LONG, arguments: { duration: 60, steps: 60 } }, { onprogress: () => progressed(), timeout: 120_000 });
    await Promise.race([firstProgress, call.then(() => { throw new Error('the long call ended before any progress'); })]);
    return { call };
  }

  it('relays a real MCP client through the shim', async () => {
    let names: string[] = [];
    for (let i = 0; i < 150 && !names.includes('everything__echo'); i++) {
      names = (await client.listTools()).tools.map((t) => t.name);
      if (!names.includes('everything__echo')) await sleep(100);
    }
    for (const n of ['hallpass__request_access', 'hallpass__status', 'everything__echo', LONG]) assert.ok(names.includes(n), `lists ${n}`);
    const status = await client.callTool({ name: 'hallpass__status', arguments: {} });
    assert.notEqual(status.isError, true, text(status));
  });

  it('refuses a wrong token through the shim, with a clear message and nothing on stdout', async () => {
    const r = await runCli(['mcp'], { home, env: { HALLPASS_TOKEN: 'hp_not-a-real-token' }, input: '{"jsonrpc":"2.0","id":1,"method":"ping"}\n' });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^hallpass: the running Hallpass refused the shim: [^\n]*token[^\n]*\n$/);
  });

  it('lists sessions and revokes through the instance, aborting the in-flight call', async () => {
    const sessionId = await approvedSession();
    const listed = await runCli(['sessions', '--json'], { home });
    assert.equal(listed.code, 0, listed.stderr);
    const active = (JSON.parse(listed.stdout) as SessionView[]).find((s) => s.id === sessionId);
    assert.equal(active?.state, 'active');
    assert.equal(active?.clientName, 'agent');

    const { call } = await longCallInFlight();
    const r = await runCli(['revoke', sessionId], { home });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`Revoked session ${sessionId} of agent through the running Hallpass`));
    const result = await call;
    assert.equal(result.isError, true);
    assert.match(text(result), /revoked/i);
    const sessions = (await serve.api('GET', '/api/sessions')).body as SessionView[];
    assert.equal(sessions.find((s) => s.id === sessionId)?.state, 'revoked');

    const unknown = await runCli(['revoke', 'ses_does-not-exist'], { home });
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /^hallpass: no session ses_does-not-exist\n$/);
  });

  it('kills through the instance (in-flight call aborted, locked down) and re-arms', async () => {
    await approvedSession();
    const { call } = await longCallInFlight();
    const k = await runCli(['kill'], { home });
    assert.equal(k.code, 0, k.stderr);
    assert.match(k.stdout, /through the running Hallpass: 1 session\(s\) revoked, 1 call\(s\) aborted/);
    const result = await call;
    assert.equal(result.isError, true);
    assert.match(text(result), /revoked|kill/i);
    assert.equal(((await serve.api('GET', '/api/status')).body as StatusView).lockedDown, true);
    const blocked = await client.callTool({ name: 'hallpass__request_access', arguments: { task: 'try again', connections: ['everything'], access: 'read' } });
    assert.equal(blocked.isError, true);
    assert.match(text(blocked), /locked down/);

    const re = await runCli(['rearm'], { home });
    assert.equal(re.code, 0, re.stderr);
    assert.equal(((await serve.api('GET', '/api/status')).body as StatusView).lockedDown, false);
    const audit = await runCli(['audit', '--json'], { home });
    const kinds = (JSON.parse(audit.stdout) as { kind: string }[]).map((a) => a.kind);
    for (const kind of ['pending', 'approved', 'revoked', 'kill', 'rearm']) assert.ok(kinds.includes(kind), `audit has ${kind}`);
    assert.equal((await runCli(['audit', 'verify'], { home })).code, 0);
  });
});
