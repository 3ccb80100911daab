/** A downstream stdio MCP server: spawned as a process group, spoken to with the SDK client, restarted with backoff. */
import { Client, ProtocolError, SdkError, SdkErrorCode } from '@modelcontextprotocol/client';
import { hasEnvReferences } from '../../agents/env-references.ts';
import type { Progress } from '@modelcontextprotocol/client';
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { Clock, ConnectionStatus, ConnectionTool, Disposable, Log, StdioServerConfig } from '../../model.ts';
import type { CallOptions, Connection, ProgressUpdate } from '../connection-types.ts';
import { toConnectionTool, type AccessOverrides } from '../access-classification.ts';
import { systemTimers, type Timers } from '../timers.ts';
import { ChildTransport } from './child-transport.ts';
import { defaultRestartPolicy, initialBackoff, nextRestart, type RestartPolicy } from './restart-backoff.ts';
import { clip, describeExit, formatDuration, stderrSummary } from './run-report.ts';
import { spawnProcessGroup, type GroupExit, type ProcessGroup } from './spawn-process-group.ts';
import { parseStdioServerConfig } from './stdio-config-schema.ts';

export interface StdioConnectionDeps {
  clock: Clock;
  log: Log;
  /** Restart backoff timers; default: the runtime's. */
  timers?: Timers;
  /** Extra user/IT access per bare tool name, on top of `config.overrides` (these win); both win over annotations. */
  accessOverrides?: AccessOverrides;
  restartPolicy?: Partial<RestartPolicy>;
  /** Budget for the handshake and each tools/list. Default 30 s. */
  startTimeoutMs?: number;
  /** Budget for one call, reset by every progress notification. Default 5 min. */
  callTimeoutMs?: number;
  /** SIGTERM → SIGKILL grace when stopping. Default 2 s. */
  killGraceMs?: number;
  /** Resolves env values kept in the keychain (`hallpass-vault:NAME`) just before each start; absent = none allowed. */
  resolveEnv?: (connectionId: string, env: Readonly<Record<string, string>>) => Promise<Record<string, string>>;
  /** How Hallpass introduces itself to the server. */
  clientInfo?: { name: string; version: string };
}

/** A stdio connection. `tools()` keeps the last listed tools while restarting or failed (stable listing; calls are
 * refused until running again) and is empty once stopped. `pid()` is the running server's pid (= its process group). */
export interface StdioConnection extends Connection {
  pid(): number | undefined;
}

/** One life of the child process, from spawn to exit. */
interface Run {
  readonly group: ProcessGroup;
  readonly client: Client;
  readonly startedAt: number;
  running: boolean;
  ended: boolean;
  initError?: string;
  refreshing: boolean;
  refreshAgain: boolean;
}

/** Creates the connection and starts the server at once; `dispose()` stops it for good. */
export function createStdioConnection(rawConfig: StdioServerConfig, deps: StdioConnectionDeps): StdioConnection {
  const config = parseStdioServerConfig(rawConfig);
  const { id } = config;
  const { clock, log } = deps;
  const timers = deps.timers ?? systemTimers;
  const policy: RestartPolicy = { ...defaultRestartPolicy, ...deps.restartPolicy };
  const startTimeoutMs = deps.startTimeoutMs ?? 30_000;
  const callTimeoutMs = deps.callTimeoutMs ?? 300_000;
  const clientInfo = deps.clientInfo ?? { name: 'hallpass', version: '0.1.0' };
  const overrides: AccessOverrides = { ...config.overrides, ...deps.accessOverrides };

  let status: ConnectionStatus = 'starting';
  let detail: string | undefined;
  let tools: readonly ConnectionTool[] = [];
  let toolNames = new Set<string>();
  let run: Run | undefined;
  let backoff = initialBackoff;
  let restarts = 0;
  let cancelRestart: (() => void) | undefined;
  /** The last run's group kill; a restart waits for it, and dispose too. */
  let reaping: Promise<unknown> = Promise.resolve();
  let disposing: Promise<void> | undefined;
  const listeners = new Set<() => void>();

  const update = (next: { status?: ConnectionStatus; detail?: string | undefined; tools?: readonly ConnectionTool[] }): void => {
    let changed = false;
    if (next.status !== undefined && next.status !== status) {
      status = next.status;
      changed = true;
    }
    if ('detail' in next && next.detail !== detail) {
      detail = next.detail;
      changed = true;
    }
    if (next.tools && JSON.stringify(next.tools) !== JSON.stringify(tools)) {
      tools = next.tools;
      toolNames = new Set(next.tools.map((t) => t.name));
      changed = true;
    }
    if (!changed) return;
    for (const listener of listeners) {
      try {
        listener();
      } catch (error) {
        log.error('connection change listener failed', { connection: id, error: clip(String(error)) });
      }
    }
  };


  const listTools = async (current: Run): Promise<readonly ConnectionTool[]> => {
    // 'refresh': never serve a cached list; the SDK walks every page.
    const listed = await current.client.listTools(undefined, { cacheMode: 'refresh', timeout: startTimeoutMs });
    return listed.tools.map((tool) => toConnectionTool(tool, overrides));
  };

  const refreshTools = (current: Run): void => {
    if (current.refreshing) {
      current.refreshAgain = true;
      return;
    }
    current.refreshing = true;
    void (async () => {
      do {
        current.refreshAgain = false;
        try {
          const next = await listTools(current);
          if (run === current && !current.ended) update({ tools: next });
        } catch (error) {
          if (!current.ended) log.warn('downstream tools refresh failed', { connection: id, error: clip(String(error)) });
        }
      } while (current.refreshAgain && !current.ended);
      current.refreshing = false;
    })();
  };

  const connect = async (current: Run): Promise<void> => {
    try {
      await current.client.connect(new ChildTransport(current.group.stdin, current.group.stdout), { timeout: startTimeoutMs });
      const listed = await listTools(current);
      if (current.ended || disposing) return;
      current.running = true;
      log.info('downstream server running', { connection: id, pid: current.group.pid, tools: listed.length });
      update({ status: 'running', detail: runningDetail(current), tools: listed });
    } catch (error) {
      if (disposing) return;
      // Recorded even when the pipe already closed: the exit report decides whether this or the exit code explains it.
      current.initError = clip(error instanceof Error ? error.message : String(error));
      log.warn('downstream server did not initialize', { connection: id, error: current.initError });
      current.ended = true;
      void current.group.kill(); // its exit schedules the restart
    }
  };

  const runningDetail = (current: Run): string =>
    `pid ${current.group.pid}${restarts > 0 ? `; restarted ${restarts} time${restarts === 1 ? '' : 's'}` : ''}`;

  const start = (): void => {
    cancelRestart = undefined;
    if (disposing) return;
    if (!hasEnvReferences(config.env)) return spawnRun(config.env);
    // SECURITY: secrets come from the keychain at start and go only into the child's environment; fail closed.
    if (!deps.resolveEnv) return update({ status: 'failed', detail: 'its env names keychain secrets, but no keychain is available' });
    deps.resolveEnv(id, config.env).then(
      (env) => { if (!disposing) spawnRun(env); },
      (error: unknown) => { if (!disposing) update({ status: 'failed', detail: clip(error instanceof Error ? error.message : String(error)) }); },
    );
  };

  const spawnRun = (env: Readonly<Record<string, string>>): void => {
    const group = spawnProcessGroup({ command: config.command, args: config.args, env, cwd: config.cwd, killGraceMs: deps.killGraceMs });
    const client = new Client(clientInfo, { capabilities: {} });
    const current: Run = { group, client, startedAt: clock.now(), running: false, ended: false, refreshing: false, refreshAgain: false };
    run = current;
    void group.exited.then((exit) => onExit(current, exit));
    if (group.pid === undefined) return; // the spawn failed; `exited` reports why
    // The pipe closed (the server died, or closed stdout and lives on, unreachable): this run is over.
    client.onclose = () => {
      if (current.ended) return;
      current.ended = true;
      void group.kill();
    };
    client.onerror = (error) => {
      if (!current.ended) log.warn('downstream protocol error', { connection: id, error: clip(error.message) });
    };
    client.setNotificationHandler('notifications/tools/list_changed', () => refreshTools(current));
    void connect(current);
  };

  const onExit = (current: Run, exit: GroupExit): void => {
    current.ended = true;
    // Closing the client rejects in-flight calls; killing the group reaps grandchildren the server left behind.
    void current.client.close().catch(() => {});
    const killed = current.group.kill();
    reaping = killed;
    if (run !== current || disposing) return;
    run = undefined;
    const uptimeMs = clock.now() - current.startedAt;
    const decision = nextRestart(backoff, uptimeMs, policy);
    backoff = decision.state;
    restarts += 1;
    const why = describeExit(exit, current.initError);
    const stderr = stderrSummary(current.group.stderrTail());
    log.warn('downstream server exited', { connection: id, code: exit.code, signal: exit.signal, uptimeMs, restartInMs: decision.delayMs, failed: decision.failed });
    const next = decision.failed
      ? `failed: ${why}; ${decision.state.quickCrashes} quick crashes in a row; retrying every ${formatDuration(decision.delayMs)}`
      : `${why} after ${formatDuration(uptimeMs)}; restarting in ${formatDuration(decision.delayMs)} (restart ${restarts})`;
    update({ status: decision.failed ? 'failed' : 'restarting', detail: stderr ? `${next}; stderr: ${stderr}` : next });
    cancelRestart = timers.schedule(decision.delayMs, () => {
      cancelRestart = undefined;
      void killed.then(start);
    });
  };

  const callTool = async (name: string, args: Record<string, unknown>, options: CallOptions): Promise<CallToolResult> => {
    if (disposing) throw new Error(`connection "${id}" is stopped`);
    const current = run;
    if (!current?.running) throw new Error(`downstream server "${id}" is not running (${status})`);
    if (!toolNames.has(name)) throw new Error(`unknown tool "${name}" on connection "${id}"`);
    options.signal.throwIfAborted();
    const onProgress = options.onProgress;
    try {
      // The SDK sends a progress token only when onprogress is set, and `notifications/cancelled` when the signal aborts.
      return await current.client.callTool(
        { name, arguments: args },
        { signal: options.signal, timeout: callTimeoutMs, resetTimeoutOnProgress: true, onprogress: onProgress && ((p: Progress) => onProgress(toProgressUpdate(p))) },
      );
    } catch (error) {
      if (options.signal.aborted) throw options.signal.reason;
      if (disposing) throw new Error(`connection "${id}" was stopped during the call`);
      if (current.ended) throw new Error(`downstream server "${id}" exited during the call`);
      // A JSON-RPC error from the server is the provider's answer, not a transport failure.
      if (error instanceof ProtocolError) return { content: [{ type: 'text', text: `${id}: ${error.message}` }], isError: true };
      if (error instanceof SdkError && error.code === SdkErrorCode.RequestTimeout) {
        throw new Error(`downstream server "${id}" did not answer "${name}" within ${formatDuration(callTimeoutMs)}`);
      }
      throw error;
    }
  };

  const dispose = (): Promise<void> => {
    disposing ??= (async () => {
      cancelRestart?.();
      cancelRestart = undefined;
      const current = run;
      run = undefined;
      update({ status: 'stopped', detail: undefined, tools: [] });
      if (current) {
        current.ended = true;
        await current.client.close().catch(() => {});
        await current.group.kill();
      }
      await reaping;
      listeners.clear();
    })();
    return disposing;
  };

  start();
  return {
    id,
    status: () => status,
    statusDetail: () => detail,
    tools: () => tools,
    pid: () => run?.group.pid,
    callTool,
    onChange(listener: () => void): Disposable {
      listeners.add(listener);
      return { dispose: () => void listeners.delete(listener) };
    },
    dispose,
  };
}

function toProgressUpdate(p: Progress): ProgressUpdate {
  return {
    progress: p.progress,
    ...(p.total !== undefined && { total: p.total }),
    ...(p.message !== undefined && { message: p.message }),
  };
}
