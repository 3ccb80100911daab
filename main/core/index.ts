/** createCore: the one place the core is assembled (desktop main process or `hallpass serve`). */
import { mkdirSync } from 'node:fs';
import type { Clock, ConnectionConfig, Ids, Log } from './model.ts';
import type { Connection } from './connections/connection-types.ts';
import type { Control } from './control/control-types.ts';
import type { Store } from './store/store-types.ts';
import { openStore } from './store/open-store.ts';
import { createConnectionManager } from './connections/connection-manager.ts';
import { Runtime } from './runtime/runtime.ts';
import { createGateway, type Gateway } from './gateway/gateway.ts';
import { createControl } from './control/create-control.ts';
import { authenticate } from './clients/client-tokens.ts';
import { dataFiles } from './paths/data-dir.ts';
import { randomIds, silentLog, systemClock } from './defaults.ts';
import { createConnectionFactory } from './connections/connection-factory.ts';
import type { Client } from './model.ts';
import type { Vault } from './vault/vault-types.ts';
import { RevokedError } from './gateway/in-flight.ts';
import packageJson from '../../package.json' with { type: 'json' };

/** The version of this build (from package.json). */
export const HALLPASS_VERSION: string = packageJson.version;

export interface CoreOptions {
  dataDir: string;
  clock?: Clock;
  ids?: Ids;
  log?: Log;
  /** How long a call waits for a person (default 25 s; keep under clients' 60 s). */
  approvalWaitSeconds?: number;
  /** Policy maximum of a session (default 8 hours). */
  maxTtlSeconds?: number;
  /** How long an unanswered request stays open (default 5 minutes). */
  requestLapseSeconds?: number;
  /** Builds the connection for a config (default: stdio, remote and OAuth connectors). */
  createConnection?: (config: ConnectionConfig) => Connection;
  /** The MCP URL shown with new clients. */
  mcpUrl?: () => string;
  /** How often the core sweeps (lapses, counters, changes made by the CLI). */
  sweepMs?: number;
  /** Where OAuth tokens and stdio env secrets live. Default: the OS keychain, loaded on first use (without one, plain
   * stdio servers still run and remote/OAuth connections show `failed: keychain unavailable …`; never plain text). */
  vault?: Vault;
}

export interface Core {
  control: Control;
  gateway: Gateway;
  runtime: Runtime;
  store: Store;
  authenticate(token: string | undefined): Client | undefined;
  /** Applies the stored connection configs now (also done on every sweep when the database changed). */
  syncConnections(): Promise<void>;
  dispose(): Promise<void>;
}

/** Assembles and starts the core; connections start in the background. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? randomIds;
  const log = options.log ?? silentLog;
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const store = openStore(dataFiles(options.dataDir).db);
  const runtime = new Runtime({
    clock, ids, log, store,
    settings: {
      approvalWaitMs: (options.approvalWaitSeconds ?? 25) * 1000,
      maxTtlMs: (options.maxTtlSeconds ?? 8 * 3600) * 1000,
      requestLapseMs: (options.requestLapseSeconds ?? 300) * 1000,
    },
  });
  const manager = createConnectionManager({ create: options.createConnection ?? createConnectionFactory({ clock, log, dataDir: options.dataDir, ...(options.vault && { vault: options.vault }) }), log });
  const gateway = createGateway(runtime, { version: HALLPASS_VERSION, maxBodyBytes: 4 * 1024 * 1024, connections: () => manager.list() });
  const offManager = manager.onChange(() => { gateway.refresh(); runtime.emit({ type: 'connections' }); });
  const syncConnections = async () => { await manager.sync(store.connections.list()); gateway.refresh(); runtime.emit({ type: 'connections' }); };
  let seenVersion = store.dataVersion();
  const control = createControl(runtime, {
    version: HALLPASS_VERSION,
    mcpUrl: options.mcpUrl ?? (() => 'http://127.0.0.1:4255/mcp'),
    connection: (id) => manager.get(id),
    configs: () => store.connections.list(),
    changed: () => { seenVersion = store.dataVersion(); },
  });

  let sweeping = false;
  const sweep = async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      runtime.lapseDue();
      runtime.flush();
      const version = store.dataVersion();
      if (version !== seenVersion) {
        // Another process (the CLI) changed the database: pick up clients and connections.
        seenVersion = version;
        runtime.reloadFromStore((id) => runtime.inFlight.abortSession(id, new RevokedError(`session ${id} was revoked`)));
        runtime.emit({ type: 'clients' });
        await syncConnections();
      }
      const dayAgo = clock.now() - 24 * 3600 * 1000;
      runtime.sessions.prune(dayAgo);
      runtime.requests.prune(dayAgo);
    } catch (err) {
      log.error('sweep failed', { error: (err as Error).message });
    } finally {
      sweeping = false;
    }
  };
  const timer = setInterval(() => { void sweep(); }, options.sweepMs ?? 500);
  await syncConnections();

  return {
    control, gateway, runtime, store,
    authenticate: (token) => authenticate(store, token),
    syncConnections,
    async dispose() {
      clearInterval(timer);
      offManager.dispose();
      runtime.flush();
      await gateway.dispose();
      await manager.dispose();
      store.dispose();
    },
  };
}
