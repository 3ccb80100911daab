/** A remote MCP server over Streamable HTTP, OAuth tokens from the keychain, every URL behind the SSRF guard. */
import { Client, ProtocolError, SdkError, SdkErrorCode, StreamableHTTPClientTransport, UnauthorizedError } from '@modelcontextprotocol/client';
import type { Progress } from '@modelcontextprotocol/client';
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { Clock, ConnectionStatus, ConnectionTool, Disposable, Log, RemoteServerConfig } from '../../model.ts';
import { toConnectionTool, type AccessOverrides } from '../access-classification.ts';
import type { CallOptions, Connection } from '../connection-types.ts';
import { systemTimers, type Timers } from '../timers.ts';
import type { Vault } from '../../vault/vault-types.ts';
import { redactSecrets } from './redact-secrets.ts';
import { createRemoteAuth } from './remote-auth.ts';
import { parseRemoteServerConfig } from './remote-config-schema.ts';
import { BlockedUrlError, createGuardedFetch, type Lookup } from './ssrf-guard.ts';
import { createVaultOAuthProvider, RemoteNeedsAuthError, type VaultOAuthProvider } from './vault-oauth-provider.ts';

export interface RemoteConnectionDeps {
  vault: Vault;
  clock: Clock;
  log: Log;
  /** Base fetch under the SSRF guard (tests); default the runtime's. */
  fetch?: typeof fetch;
  lookup?: Lookup;
  /** Retry timers after a failure; default the runtime's. */
  timers?: Timers;
  /** Budget for connecting and each tools/list. Default 30 s. */
  startTimeoutMs?: number;
  /** Budget for one call, reset by every progress notification. Default 5 min. */
  callTimeoutMs?: number;
  clientInfo?: { name: string; version: string };
  /** User/IT access per bare tool name, over the config's own overrides; wins over annotations. */
  accessOverrides?: AccessOverrides;
}

/** A remote connection; `reconnect()` starts over (after `connectRemote` stored new tokens). */
export interface RemoteConnection extends Connection {
  reconnect(): Promise<void>;
}

interface Run {
  client: Client;
  provider: VaultOAuthProvider;
  ended: boolean;
}

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 60_000;

/** Creates the connection and starts connecting at once; `dispose()` stops it for good. */
export function createRemoteConnection(rawConfig: RemoteServerConfig, deps: RemoteConnectionDeps): RemoteConnection {
  const config = parseRemoteServerConfig(rawConfig);
  const { id } = config;
  const { log } = deps;
  const timers = deps.timers ?? systemTimers;
  const startTimeoutMs = deps.startTimeoutMs ?? 30_000;
  const callTimeoutMs = deps.callTimeoutMs ?? 300_000;
  const guardedFetch = createGuardedFetch({ allowLoopback: config.allowLoopback === true, ...(deps.lookup && { lookup: deps.lookup }), ...(deps.fetch && { fetch: deps.fetch }) });
  const overrides: AccessOverrides = { ...config.overrides, ...deps.accessOverrides };
  const listeners = new Set<() => void>();
  let status: ConnectionStatus = 'starting';
  let detail: string | undefined;
  let tools: readonly ConnectionTool[] = [];
  let run: Run | undefined;
  let retryMs = RETRY_MIN_MS;
  let cancelRetry: (() => void) | undefined;
  let disposed = false;

  const update = (next: ConnectionStatus, why: string | undefined, nextTools: readonly ConnectionTool[] = tools): void => {
    if (next === status && why === detail && nextTools === tools) return;
    status = next;
    detail = why;
    tools = nextTools;
    for (const listener of listeners) {
      try {
        listener();
      } catch (error) {
        log.error('connection change listener failed', { connection: id, error: String(error) });
      }
    }
  };


  const listTools = async (current: Run): Promise<readonly ConnectionTool[]> =>
    (await current.client.listTools(undefined, { cacheMode: 'refresh', timeout: startTimeoutMs })).tools.map((tool) => toConnectionTool(tool, overrides));

  /** Secrets of this connection, to scrub from anything it returns. */
  const secrets = (current: Run | undefined): string[] => {
    const t = current?.provider.tokens();
    return [t?.access_token, t?.refresh_token, t?.id_token].filter((s): s is string => typeof s === 'string');
  };

  const needsAuthDetail = (error: unknown): string | undefined => {
    if (error instanceof RemoteNeedsAuthError) return error.message;
    if (error instanceof UnauthorizedError || (error instanceof SdkError && error.code === SdkErrorCode.ClientHttpAuthentication)) {
      return `remote server "${id}" refused the stored authorization. Connect it again in Hallpass (hallpass connect ${id} or the Connect button).`;
    }
    return undefined;
  };

  const stop = async (current: Run | undefined): Promise<void> => {
    if (!current || current.ended) return;
    current.ended = true;
    await current.client.close().catch(() => {});
  };

  const scheduleRetry = (): void => {
    const delay = retryMs;
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    cancelRetry = timers.schedule(delay, () => {
      cancelRetry = undefined;
      void start();
    });
  };

  const start = async (): Promise<void> => {
    if (disposed) return;
    cancelRetry?.();
    cancelRetry = undefined;
    await stop(run);
    const provider = createVaultOAuthProvider({ connectionId: id, vault: deps.vault, clock: deps.clock });
    // 'auto': a 2026-era server gets per-request streams (cancelling a call closes its stream); older servers the 2025 handshake.
    const client = new Client(deps.clientInfo ?? { name: 'hallpass', version: '0.1.0' }, { capabilities: {}, versionNegotiation: { mode: 'auto' } });
    const current: Run = { client, provider, ended: false };
    run = current;
    update('starting', undefined);
    try {
      await provider.load();
      const authProvider = createRemoteAuth({ connectionId: id, serverUrl: config.url, provider, fetch: guardedFetch, clock: deps.clock });
      const transport = new StreamableHTTPClientTransport(new URL(config.url), { authProvider, fetch: guardedFetch });
      client.onerror = (error) => {
        if (!current.ended) log.warn('remote server protocol error', { connection: id, error: redactSecrets(error.message, secrets(current)) });
      };
      client.setNotificationHandler('notifications/tools/list_changed', () => {
        void listTools(current).then((next) => run === current && update(status, detail, next), () => {});
      });
      await client.connect(transport, { timeout: startTimeoutMs });
      const listed = await listTools(current);
      if (run !== current || disposed) return;
      retryMs = RETRY_MIN_MS;
      log.info('remote server connected', { connection: id, tools: listed.length });
      update('running', config.url, listed);
    } catch (error) {
      if (run !== current || disposed) return;
      await stop(current);
      const authDetail = needsAuthDetail(error);
      if (authDetail) {
        log.info('remote server needs authorization', { connection: id });
        update('needs-auth', authDetail, []);
        return;
      }
      const why = redactSecrets(error instanceof Error ? error.message : String(error), secrets(current));
      log.warn('remote server could not connect', { connection: id, error: why });
      update('failed', `could not connect: ${why}`, []);
      // A refused URL is configuration, not weather: retrying cannot help.
      if (!(error instanceof BlockedUrlError)) scheduleRetry();
    }
  };

  const authError = (why: string): CallToolResult => ({ content: [{ type: 'text', text: why }], isError: true });

  const callTool = async (name: string, args: Record<string, unknown>, options: CallOptions): Promise<CallToolResult> => {
    if (disposed) throw new Error(`connection "${id}" is stopped`);
    if (status === 'needs-auth') return authError(detail ?? `remote server "${id}" needs authorization`);
    const current = run;
    if (status !== 'running' || !current) throw new Error(`remote server "${id}" is not connected (${status})`);
    if (!tools.some((t) => t.name === name)) throw new Error(`unknown tool "${name}" on connection "${id}"`);
    options.signal.throwIfAborted();
    const onProgress = options.onProgress;
    try {
      // The signal aborts the request; the SDK tells the server (notifications/cancelled or closing the stream).
      const result = await current.client.callTool(
        { name, arguments: args },
        {
          signal: options.signal,
          timeout: callTimeoutMs,
          resetTimeoutOnProgress: true,
          ...(onProgress && { onprogress: (p: Progress) => onProgress({ progress: p.progress, ...(p.total !== undefined && { total: p.total }), ...(p.message !== undefined && { message: p.message }) }) }),
        },
      );
      // SECURITY: a server that echoes the caller's credentials must not hand them to the agent (DESIGN.md §2.6).
      return redactSecrets(result as CallToolResult, secrets(current));
    } catch (error) {
      if (options.signal.aborted) throw options.signal.reason;
      const authDetail = needsAuthDetail(error);
      if (authDetail) {
        update('needs-auth', authDetail, []);
        void stop(current);
        return authError(authDetail);
      }
      const why = redactSecrets(error instanceof Error ? error.message : String(error), secrets(current));
      if (error instanceof ProtocolError) return { content: [{ type: 'text', text: `${id}: ${why}` }], isError: true };
      if (error instanceof SdkError && error.code === SdkErrorCode.RequestTimeout) throw new Error(`remote server "${id}" did not answer "${name}" in time`);
      throw new Error(`remote server "${id}": ${why}`);
    }
  };

  void start();
  return {
    id,
    status: () => status,
    statusDetail: () => detail,
    tools: () => tools,
    callTool,
    reconnect: () => start(),
    onChange(listener: () => void): Disposable {
      listeners.add(listener);
      return { dispose: () => void listeners.delete(listener) };
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      cancelRetry?.();
      cancelRetry = undefined;
      const current = run;
      run = undefined;
      update('stopped', undefined, []);
      await stop(current);
      listeners.clear();
    },
  };
}
