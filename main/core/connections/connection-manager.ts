/** Keeps one running Connection per enabled configured connection, in step with the configuration. */
import { isDeepStrictEqual } from 'node:util';
import type { ConnectionConfig, Disposable, Log } from '../model.ts';
import type { Connection } from './connection-types.ts';
import { createFailedConnection } from './failed-connection.ts';

export interface ConnectionManagerDeps {
  /** Builds a connection (which starts itself); may throw, which shows as a `failed` connection. */
  create: (config: ConnectionConfig) => Connection;
  log: Log;
}

export interface ConnectionManager extends Disposable {
  /** Starts new enabled connections, stops removed or disabled ones, restarts changed ones (deep comparison).
   * Resolves when the stopped ones are gone; started ones are then `starting`. Calls run one after another. */
  sync(configs: readonly ConnectionConfig[]): Promise<void>;
  get(id: string): Connection | undefined;
  /** Every managed connection, ordered by id. */
  list(): readonly Connection[];
  /** Called when a connection is added or removed, or any connection's tools or status change. */
  onChange(listener: () => void): Disposable;
  /** Stops every connection; resolves when all are gone. */
  dispose(): Promise<void>;
}

interface Entry {
  config: ConnectionConfig;
  connection: Connection;
  subscription: Disposable;
}

/** Creates an empty manager; call `sync` with the configuration. */
export function createConnectionManager(deps: ConnectionManagerDeps): ConnectionManager {
  const { create, log } = deps;
  const entries = new Map<string, Entry>();
  const listeners = new Set<() => void>();
  let ordered: readonly Connection[] = [];
  let queue: Promise<unknown> = Promise.resolve();
  let disposing: Promise<void> | undefined;

  const emit = (): void => {
    for (const listener of listeners) {
      try {
        listener();
      } catch (error) {
        log.error('connection manager listener failed', { error: String(error) });
      }
    }
  };

  const open = (config: ConnectionConfig): void => {
    let connection: Connection;
    try {
      connection = create(config);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      log.warn('connection could not be created', { connection: config.id, error: detail });
      connection = createFailedConnection(config.id, detail);
    }
    entries.set(config.id, { config, connection, subscription: connection.onChange(emit) });
  };

  const stop = async (entry: Entry): Promise<void> => {
    entry.subscription.dispose();
    try {
      await entry.connection.dispose();
    } catch (error) {
      log.error('connection did not stop cleanly', { connection: entry.config.id, error: String(error) });
    }
  };

  const apply = async (configs: readonly ConnectionConfig[]): Promise<void> => {
    if (disposing) throw new Error('the connection manager is stopped');
    const wanted = new Map<string, ConnectionConfig>();
    for (const config of configs) {
      // Fail closed: an ambiguous configuration changes nothing.
      if (wanted.has(config.id)) throw new Error(`duplicate connection id "${config.id}"`);
      wanted.set(config.id, structuredClone(config));
    }
    const stopping: Entry[] = [];
    for (const [id, entry] of entries) {
      const next = wanted.get(id);
      if (next?.enabled && isDeepStrictEqual(next, entry.config)) continue;
      entries.delete(id);
      stopping.push(entry);
    }
    // Stop first: a changed server must be gone before its replacement starts (ports, lock files…).
    await Promise.all(stopping.map(stop));
    let added = 0;
    for (const [id, config] of wanted) {
      if (!config.enabled || entries.has(id)) continue;
      open(config);
      added += 1;
    }
    if (stopping.length === 0 && added === 0) return;
    ordered = [...entries.values()].map((e) => e.connection).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    emit();
  };

  return {
    sync(configs) {
      const run = queue.then(() => apply(configs));
      queue = run.catch(() => {});
      return run;
    },
    get: (id) => entries.get(id)?.connection,
    list: () => ordered,
    onChange(listener) {
      listeners.add(listener);
      return { dispose: () => void listeners.delete(listener) };
    },
    dispose() {
      disposing ??= (async () => {
        await queue;
        const all = [...entries.values()];
        entries.clear();
        ordered = [];
        await Promise.all(all.map(stop));
        listeners.clear();
      })();
      return disposing;
    },
  };
}
