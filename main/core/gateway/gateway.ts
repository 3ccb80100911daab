/** The agent-facing MCP server: one tool list for everyone, every call through the gate. */
import { Server, createMcpHandler, ProtocolError, ProtocolErrorCode, type CallToolResult } from '@modelcontextprotocol/server';
import type { Client, Disposable } from '../model.ts';
import type { Connection, ProgressUpdate } from '../connections/connection-types.ts';
import type { Runtime } from '../runtime/runtime.ts';
import { buildCatalog, type Catalog } from './tool-catalog.ts';
import { callGatedTool, type Caller } from './call-tool.ts';
import { requestAccessTool } from './tools/request-access.ts';
import { statusTool } from './tools/status.ts';
import type { BuiltinTool } from './tools/builtin-tool.ts';
import { errorResult } from './tool-results.ts';

const BUILTINS: readonly BuiltinTool[] = [requestAccessTool, statusTool];
const BUILTIN_BY_NAME = new Map(BUILTINS.map((b) => [b.definition.name, b]));
const BUILTIN_DEFINITIONS = BUILTINS.map((b) => b.definition);

export interface GatewayOptions {
  version: string;
  /** Largest accepted MCP request body. */
  maxBodyBytes: number;
  connections(): readonly Connection[];
}

export interface Gateway extends Disposable {
  /** Runs one tools/call for a client (the fast path of the HTTP edge uses it directly). */
  call(client: Client, name: string, args: Record<string, unknown>, caller: Caller, requestId?: string | number): Promise<CallToolResult>;
  /** Aborts a client's in-flight call by its JSON-RPC request id (2025-era `notifications/cancelled`). */
  cancel(client: Client, requestId: string | number): boolean;
  /** Whether `name` is a connection tool (not one of Hallpass' own). */
  isConnectionTool(name: string): boolean;
  /** Serves one HTTP exchange of an authenticated client. */
  fetch(request: Request, client: Client): Promise<Response>;
  /** A server instance bound to one client for a long-lived connection (the socket); told when tools change. */
  serverFor(client: Client): Server;
  /** Rebuilds the tool list and tells connected clients when it changed. */
  refresh(): void;
  /** The current tool list. */
  catalog(): Catalog;
}

/** Assembles the gateway over the runtime and the live connections. */
export function createGateway(rt: Runtime, options: GatewayOptions): Gateway {
  let catalog = buildCatalog(options.connections(), BUILTIN_DEFINITIONS);
  let listJson = JSON.stringify(catalog.tools);
  const pinned = new Set<Server>();

  // Calls by (client, JSON-RPC id), so a cancellation that arrives on another HTTP request finds its call.
  const byRequestId = new Map<string, AbortController>();
  const requestKey = (client: Client, id: string | number) => `${client.id}\u0000${typeof id}:${id}`;

  /** Runs a call registered under its request id so `cancel` can reach it. */
  async function trackedCall(client: Client, requestId: string | number, name: string, args: Record<string, unknown>, caller: Caller): Promise<CallToolResult> {
    const key = requestKey(client, requestId);
    const controller = new AbortController();
    const onAbort = () => controller.abort(caller.signal.reason);
    caller.signal.addEventListener('abort', onAbort, { once: true });
    byRequestId.set(key, controller);
    try {
      return await handleCall(client, name, args, { ...caller, signal: controller.signal });
    } finally {
      caller.signal.removeEventListener('abort', onAbort);
      if (byRequestId.get(key) === controller) byRequestId.delete(key);
    }
  }

  async function handleCall(client: Client, name: string, args: Record<string, unknown>, caller: Caller): Promise<CallToolResult> {
    const builtin = BUILTIN_BY_NAME.get(name);
    if (builtin) return builtin.run(rt, args, caller, options.connections().map((c) => c.id));
    const entry = catalog.byName.get(name);
    if (!entry) {
      rt.audit({ kind: 'denied', clientId: client.id, tool: name.slice(0, 128), reason: 'unknown tool' });
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${name.slice(0, 128)}. Call tools/list for the tools Hallpass offers.`);
    }
    if (entry.connection.status() !== 'running') {
      rt.audit({ kind: 'denied', clientId: client.id, connection: entry.connection.id, tool: entry.tool.name, reason: `connection ${entry.connection.status()}` });
      return errorResult(`Connection ${entry.connection.id} is ${entry.connection.status()}${entry.connection.statusDetail() ? ` (${entry.connection.statusDetail()})` : ''}; try again shortly.`);
    }
    return callGatedTool(rt, entry, args, caller);
  }

  /** A fresh server instance bound to one client. */
  function newServer(client: Client): Server {
    const server = new Server({ name: 'hallpass', version: options.version }, { capabilities: { tools: { listChanged: true } } });
    server.setRequestHandler('tools/list', async () => ({ tools: catalog.tools }));
    server.setRequestHandler('tools/call', async (request, ctx) => {
      const { name, arguments: args } = request.params;
      const token = request.params._meta?.progressToken;
      const caller: Caller = { client, signal: ctx.mcpReq.signal };
      if (token !== undefined) {
        caller.progress = (p: ProgressUpdate) => {
          ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken: token, ...p } }).catch(() => {});
        };
      }
      return trackedCall(client, ctx.mcpReq.id, name, (args ?? {}) as Record<string, unknown>, caller);
    });
    return server;
  }

  function serverFor(client: Client): Server {
    const server = newServer(client);
    server.onclose = () => pinned.delete(server);
    pinned.add(server);
    return server;
  }

  const handler = createMcpHandler(
    (ctx) => {
      // SECURITY: the HTTP edge authenticated the bearer token and passed the client; none means no server.
      const client = ctx.authInfo?.extra?.['client'] as Client | undefined;
      if (!client || client.id !== ctx.authInfo?.clientId) throw new Error('unauthenticated');
      return newServer(client); // one per HTTP exchange; the SDK's listen streams carry tool changes
    },
    { legacy: 'stateless', responseMode: 'auto', maxRequestBodySize: options.maxBodyBytes, onerror: (e) => rt.log.warn('mcp handler', { error: e.message }) },
  );

  return {
    call: (client, name, args, caller, requestId?: string | number) =>
      (requestId === undefined ? handleCall(client, name, args, caller) : trackedCall(client, requestId, name, args, caller)),
    cancel(client, requestId) {
      const controller = byRequestId.get(requestKey(client, requestId));
      // SECURITY: keyed by the authenticated client: nobody cancels another client's calls.
      if (!controller) return false;
      controller.abort(new Error('cancelled by the agent'));
      return true;
    },
    isConnectionTool: (name) => catalog.byName.has(name),
    fetch: (request, client) => handler.fetch(request, { authInfo: { token: 'redacted', clientId: client.id, scopes: [], extra: { client } } }),
    serverFor,
    catalog: () => catalog,
    refresh() {
      catalog = buildCatalog(options.connections(), BUILTIN_DEFINITIONS);
      const json = JSON.stringify(catalog.tools);
      if (json === listJson) return;
      listJson = json;
      handler.notify.toolsChanged();
      for (const s of pinned) s.sendToolListChanged().catch(() => {});
    },
    async dispose() {
      await handler.close();
      for (const s of pinned) await s.close().catch(() => {});
      pinned.clear();
    },
  };
}
