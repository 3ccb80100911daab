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
import { lazyKeychainVault } from './connections/keychain-vault.ts';
import { systemBrowserOpener, type BrowserOpener } from './connections/oauth/system-browser.ts';
import { createSignIns } from './control/sign-in-flows.ts';
import { createAgentSetup, defaultAgentEndpoint } from './control/agent-setup.ts';
import { rootsFromEnv, type PathRoots } from './agents/config-locations.ts';
import type { HallpassEndpoint } from './agents/hallpass-entry.ts';
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
  /** Opens the sign-in page of Connect in a UI (default: the system browser; tests inject a stand-in). */
  browserOpener?: BrowserOpener;
  /** Where agent apps keep their MCP config files, for Connect an agent (default: this user's, from the environment). */
  agentRoots?: PathRoots;
  /** What Connect an agent writes into those files (default: the MCP URL, and this Node running bin/hallpass.mjs). */
  agentEndpoint?: () => HallpassEndpoint;
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
  const vault = options.vault ?? lazyKeychainVault(options.dataDir);
  const manager = createConnectionManager({ create: options.createConnection ?? createConnectionFactory({ clock, log, dataDir: options.dataDir, vault }), log });
  const gateway = createGateway(runtime, { version: HALLPASS_VERSION, maxBodyBytes: 4 * 1024 * 1024, connections: () => manager.list() });
  const offManager = manager.onChange(() => { gateway.refresh(); runtime.emit({ type: 'connections' }); });
  const syncConnections = async () => { await manager.sync(store.connections.list()); gateway.refresh(); runtime.emit({ type: 'connections' }); };
  let seenVersion = store.dataVersion();
  const mcpUrl = options.mcpUrl ?? (() => 'http://127.0.0.1:4255/mcp');
  const changed = () => { seenVersion = store.dataVersion(); };
  const signIns = createSignIns({
    dataDir: options.dataDir, vault, clock, log, opener: options.browserOpener ?? systemBrowserOpener(),
    config: (id) => store.connections.get(id), connection: (id) => manager.get(id), changed: () => runtime.emit({ type: 'connections' }),
  });
  const agents = createAgentSetup({
    store, ids, clock, roots: options.agentRoots ?? rootsFromEnv(), endpoint: options.agentEndpoint ?? defaultAgentEndpoint(options.dataDir, mcpUrl),
    clientsChanged: () => { changed(); runtime.emit({ type: 'clients' }); },
  });
  const control = createControl(runtime, {
    version: HALLPASS_VERSION, mcpUrl, changed, signIns, agents,
    connection: (id) => manager.get(id),
    configs: () => store.connections.list(),
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
      await signIns.dispose();
      offManager.dispose();
      runtime.flush();
      await gateway.dispose();
      await manager.dispose();
      store.dispose();
    },
  };
}
