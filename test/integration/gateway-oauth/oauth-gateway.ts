// An in-process `hallpass serve` (real keychain, captured log, a clock the test can move) plus the real `hallpass`
// CLI as a child process, whose `xdg-open` is a stand-in browser that drives the sign-in over HTTP. Every control-API
// answer, tool result and CLI output is kept, so a test can grep all of them for secrets.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { ConnectionView, RequestView, SessionView } from '../../../main/core/control/schemas.ts';
import { dataFiles } from '../../../main/core/paths/data-dir.ts';
import { startServe, type RunningServe } from '../../../main/core/serve/start-serve.ts';
import { capturedLog, type CapturedLog } from '../../support/oidc-harness.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const CLI = join(ROOT, 'main', 'cli', 'index.ts');
const BROWSER = join(import.meta.dirname, 'stand-in-browser.ts');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface OAuthGateway {
  serve: RunningServe;
  dataDir: string;
  log: CapturedLog;
  /** Moves the gateway's clock (sessions and token expiry) by `ms`; `reset()` goes back to wall time. */
  shift(ms: number): void;
  reset(): void;
  /** Every control-API answer body, CLI output and tool result seen so far. */
  seen: { api: string[]; cli: string[]; results: CallToolResult[] };
  /** A control-API request over HTTP with the control token; the answer body is kept. */
  api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
  connection(id: string): Promise<ConnectionView | undefined>;
  /** Waits until `check` holds (polling). */
  until(check: () => boolean | Promise<boolean>, what: string, ms?: number): Promise<void>;
  /** Registers a client and connects a real SDK client as the agent. */
  agent(name: string): Promise<Client>;
  call(agent: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  /** Waits for the pending request of this client for `connection` and approves it over the control API. */
  approveNext(clientName: string, connection: string, ttlSeconds?: number): Promise<SessionView>;
  pending(clientName: string, connection: string): Promise<RequestView>;
  /** Runs `hallpass ARGS…` as a child process on this data dir. */
  cli(args: string[], stdin?: string): Promise<CliRun>;
  /** What the stand-in browser reported (one line per sign-in). */
  browserLog(): string;
  close(): Promise<void>;
}

/** Starts serving on a free port with a 2-second approval wait. */
export async function startOAuthGateway(): Promise<OAuthGateway> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hallpass-oauth-gw-'));
  const bin = mkdtempSync(join(tmpdir(), 'hallpass-browser-'));
  const browserLog = join(bin, 'browser.log');
  writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nexec "${process.execPath}" "${BROWSER}" "$1" >>"${browserLog}" 2>&1\n`);
  chmodSync(join(bin, 'xdg-open'), 0o755);
  let offset = 0;
  const log = capturedLog();
  const serve = await startServe({ dataDir, port: 0, log, approvalWaitSeconds: 2, clock: { now: () => Date.now() + offset } });
  const controlToken = readFileSync(dataFiles(dataDir).controlToken, 'utf8').trim();
  const seen: OAuthGateway['seen'] = { api: [], cli: [], results: [] };
  const agents: Client[] = [];
  const base = `http://127.0.0.1:${serve.port}`;

  const api = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${controlToken}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    seen.api.push(text);
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text}`);
    return (res.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : text) as T;
  };

  const until = async (check: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  const pending = async (clientName: string, connection: string): Promise<RequestView> => {
    let found: RequestView | undefined;
    await until(async () => {
      found = (await api<RequestView[]>('GET', '/api/requests'))
        .find((r) => r.state === 'pending' && r.clientName === clientName && r.grants.some((g) => g.connection === connection));
      return found !== undefined;
    }, `a pending request of ${clientName} for ${connection}`);
    return found!;
  };

  return {
    serve, dataDir, log, seen, api, until, pending,
    shift: (ms) => void (offset += ms),
    reset: () => void (offset = 0),
    connection: async (id) => (await api<ConnectionView[]>('GET', '/api/connections')).find((c) => c.id === id),
    async agent(name) {
      const added = await api<{ token: string }>('POST', '/api/clients', { name });
      const client = new Client({ name: `${name}-agent`, version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(serve.mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${added.token}` } } }));
      agents.push(client);
      return client;
    },
    async call(agent, name, args) {
      const result = (await agent.callTool({ name, arguments: args })) as CallToolResult;
      seen.results.push(result);
      return result;
    },
    async approveNext(clientName, connection, ttlSeconds = 3600) {
      const request = await pending(clientName, connection);
      return api<SessionView>('POST', `/api/requests/${request.id}/approve`, { ttlSeconds });
    },
    cli(args, stdin) {
      return new Promise<CliRun>((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, ...args], {
          env: { ...process.env, HALLPASS_HOME: dataDir, PATH: `${bin}:${process.env.PATH ?? ''}` },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => void (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
        const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        child.once('error', reject);
        child.once('close', (code) => {
          clearTimeout(timer);
          seen.cli.push(stdout, stderr);
          resolve({ code: code ?? -1, stdout, stderr });
        });
        child.stdin.end(stdin ?? '');
      });
    },
    browserLog: () => {
      try {
        return readFileSync(browserLog, 'utf8');
      } catch {
        return '';
      }
    },
    async close() {
      for (const agent of agents) await agent.close().catch(() => {});
      await serve.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(bin, { recursive: true, force: true });
    },
  };
}

/** The text of a tool result. */
export function textOf(result: CallToolResult): string {
  return result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
}
