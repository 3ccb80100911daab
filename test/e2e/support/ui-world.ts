/** A real `hallpass serve` with server-everything behind it, real SDK agents, and its web UI open in Chromium. */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { CallToolResult } from '@modelcontextprotocol/client';
import type { Browser, Page } from 'playwright-core';
import { everythingServerConfig } from '../../support/downstream-servers.ts';
import { startServeProcess } from '../../support/serve-process.ts';
import type { ServeProcess } from '../../support/serve-process.ts';
import { launchChromium, watchProblems } from './browser.ts';
import { ensureRendererBuilt } from './renderer-build.ts';

/** An agent registered with `clients add`, connected over Streamable HTTP with its bearer token. */
export interface Agent {
  name: string;
  client: Client;
  /** Calls `everything__<tool>` and answers the result's text and error flag. */
  call(tool: string, args: Record<string, unknown>): Promise<{ text: string; isError: boolean }>;
}

/** Everything an e2e test drives. */
export interface UiWorld {
  serve: ServeProcess;
  browser: Browser;
  page: Page;
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
  agent(name: string): Promise<Agent>;
  /** Waits for the pending request of a client (by name) and answers its id. */
  pendingRequest(clientName: string): Promise<string>;
  /** Polls the control API until `check` holds. */
  until(what: string, check: () => Promise<boolean>, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const textOf = (result: CallToolResult): string =>
  result.content.map((c) => (c.type === 'text' ? c.text : `[${c.type}]`)).join('\n');

/** Starts serve (with `approvalWaitSeconds`), registers server-everything, opens the UI through the printed link. */
export async function startUiWorld(options: { approvalWaitSeconds?: number } = {}): Promise<UiWorld> {
  await ensureRendererBuilt();
  const serve = await startServeProcess({ args: ['--approval-wait', String(options.approvalWaitSeconds ?? 30)] });
  const clients: Client[] = [];
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await Promise.allSettled(clients.map((c) => c.close()));
    await browser?.close();
    await serve.stop();
  };
  try {
    const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> => {
      const deadline = Date.now() + timeoutMs;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const everything = everythingServerConfig('everything');
    const added = await serve.cli(['servers', 'add', 'everything', '--', everything.command, ...everything.args]);
    if (added.code !== 0) throw new Error(`servers add failed: ${added.stderr}`);
    await until('server-everything running', async () => {
      const res = await serve.api('GET', '/api/connections');
      return Array.isArray(res.body) && res.body.some((c: { id: string; status: string }) => c.id === 'everything' && c.status === 'running');
    });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1000, height: 760 } });
    const problems = watchProblems(page);
    await page.goto(serve.uiLink);
    const pendingRequest = async (clientName: string): Promise<string> => {
      let id: string | undefined;
      await until(`a pending request of ${clientName}`, async () => {
        const res = await serve.api('GET', '/api/requests');
        const list = Array.isArray(res.body) ? (res.body as { id: string; state: string; clientName: string }[]) : [];
        id = list.find((r) => r.state === 'pending' && r.clientName === clientName)?.id;
        return id !== undefined;
      });
      return id!;
    };
    return {
      serve, browser, page, problems, until, close, pendingRequest,
      async agent(name) {
        const out = await serve.cli(['clients', 'add', name, '--json']);
        if (out.code !== 0) throw new Error(`clients add failed: ${out.stderr}`);
        const { token } = JSON.parse(out.stdout) as { token: string };
        const client = new Client({ name, version: '1.0.0' });
        await client.connect(new StreamableHTTPClientTransport(new URL(serve.mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
        clients.push(client);
        return {
          name,
          client,
          async call(tool, args) {
            const result = (await client.callTool({ name: `everything__${tool}`, arguments: args }, { timeout: 120_000 })) as CallToolResult;
            return { text: textOf(result), isError: result.isError === true };
          },
        };
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}
