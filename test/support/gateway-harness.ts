/** An in-process `hallpass serve` with real downstream servers, and real SDK clients as agents. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { startServe, type RunningServe } from '../../main/core/serve/start-serve.ts';
import { silentLog } from '../../main/core/defaults.ts';
import type { ConnectionConfig } from '../../main/core/model.ts';
import type { RequestView } from '../../main/core/control/schemas.ts';

export interface Agent {
  client: Client;
  token: string;
  name: string;
  close(): Promise<void>;
}

export interface GatewayHarness {
  serve: RunningServe;
  dataDir: string;
  /** Registers a client and connects a real SDK client to /mcp with its token. */
  agent(name: string): Promise<Agent>;
  /** Waits until a pending request exists (optionally of one client) and returns it. */
  pendingRequest(clientName?: string): Promise<RequestView>;
  /** Waits until `check` holds. */
  until(check: () => boolean, what: string, ms?: number): Promise<void>;
  /** Stops serving (data dir kept unless `remove`). */
  close(remove?: boolean): Promise<void>;
}

export interface HarnessOptions {
  servers?: ConnectionConfig[];
  approvalWaitSeconds?: number;
  dataDir?: string;
  requestLapseSeconds?: number;
}

/** Starts a serve on a free port with the given downstream servers running. */
export async function startGatewayHarness(options: HarnessOptions = {}): Promise<GatewayHarness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hallpass-it-'));
  const serve = await startServe({
    dataDir, port: 0, log: silentLog,
    approvalWaitSeconds: options.approvalWaitSeconds ?? 2,
    ...(options.requestLapseSeconds ? { requestLapseSeconds: options.requestLapseSeconds } : {}),
  });
  for (const s of options.servers ?? []) serve.core.store.connections.put(s);
  await serve.core.syncConnections();
  const agents: Agent[] = [];

  const until = async (check: () => boolean, what: string, ms = 15_000) => {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const ids = (options.servers ?? []).map((s) => s.id);
  await until(() => ids.every((id) => serve.core.control.connections().find((c) => c.id === id)?.status === 'running'), `servers ${ids.join(', ')} running`);

  return {
    serve, dataDir, until,
    async agent(name) {
      const added = serve.core.control.addClient(name);
      const client = new Client({ name: `${name}-agent`, version: '1.0.0' });
      const transport = new StreamableHTTPClientTransport(new URL(serve.mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${added.token}` } } });
      await client.connect(transport);
      const agent = { client, token: added.token, name, close: () => client.close() };
      agents.push(agent);
      return agent;
    },
    async pendingRequest(clientName) {
      let found: RequestView | undefined;
      await until(() => {
        found = serve.core.control.requests().find((r) => r.state === 'pending' && (!clientName || r.clientName === clientName));
        return found !== undefined;
      }, 'a pending request');
      return found!;
    },
    async close(remove = true) {
      for (const a of agents) await a.close().catch(() => {});
      await serve.close();
      if (remove && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The text of a tool result's first content block. */
export function resultText(result: { content?: unknown }): string {
  const first = (result.content as { type: string; text?: string }[] | undefined)?.[0];
  return first?.type === 'text' ? first.text ?? '' : '';
}
