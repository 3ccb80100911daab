/** The person's commands of the CLI (sessions, revoke, kill, rearm): through the running instance when
 * there is one (so in-flight calls abort), else straight on the store with the core's own logic. */
import { z } from 'zod';
import { createControl } from '../core/control/create-control.ts';
import { killResultSchema, sessionViewSchema, statusViewSchema, type KillResult, type SessionView, type StatusView } from '../core/control/schemas.ts';
import type { InstanceInfo } from '../core/paths/data-dir.ts';
import { Runtime } from '../core/runtime/runtime.ts';
import type { Store } from '../core/store/store-types.ts';
import type { CliContext } from './cli-context.ts';
import { controlApi, findInstance, type ControlApi } from './instance.ts';
import { withStore } from './with-store.ts';
import { VERSION } from './version.ts';
import { DEFAULT_PORT } from './commands/client-config.ts';

export interface ControlPort {
  status(): Promise<StatusView>;
  sessions(): Promise<SessionView[]>;
  revoke(id: string): Promise<SessionView>;
  kill(): Promise<KillResult>;
  rearm(): Promise<StatusView>;
}

/** Runs `fn` against the live instance of the data dir, or the store when none runs. */
export async function withControl<T>(ctx: CliContext, fn: (control: ControlPort, instance: InstanceInfo | undefined) => Promise<T>): Promise<T> {
  const instance = findInstance(ctx.dataDir);
  // INVARIANT: while an instance runs, only it changes sessions (it holds them in memory and aborts calls).
  if (instance) return fn(remote(await controlApi(ctx.dataDir, instance)), instance);
  return withStore(ctx, (store) => fn(local(ctx, store), undefined));
}

function remote(api: ControlApi): ControlPort {
  return {
    status: () => api.call('GET', '/api/status', statusViewSchema),
    sessions: () => api.call('GET', '/api/sessions', z.array(sessionViewSchema)),
    revoke: (id) => api.call('POST', `/api/sessions/${encodeURIComponent(id)}/revoke`, sessionViewSchema),
    kill: () => api.call('POST', '/api/kill', killResultSchema),
    rearm: () => api.call('POST', '/api/rearm', statusViewSchema),
  };
}

function local(ctx: CliContext, store: Store): ControlPort {
  const log = {
    info: () => {},
    warn: (msg: string) => ctx.err(`hallpass: warning: ${msg}\n`),
    error: (msg: string) => ctx.err(`hallpass: error: ${msg}\n`),
  };
  // Settings only shape new requests and approvals, which the CLI never makes.
  const rt = new Runtime({ clock: ctx.clock, ids: ctx.ids, log, store, settings: { approvalWaitMs: 25_000, maxTtlMs: 8 * 3_600_000, requestLapseMs: 300_000 } });
  const control = createControl(rt, {
    version: VERSION,
    mcpUrl: () => `http://127.0.0.1:${DEFAULT_PORT}/mcp`,
    connection: () => undefined,
    configs: () => store.connections.list(),
    changed: () => {},
  });
  return {
    status: async () => control.status(),
    sessions: async () => control.sessions(),
    revoke: async (id) => control.revoke(id),
    kill: async () => control.kill(),
    rearm: async () => control.rearm(),
  };
}
