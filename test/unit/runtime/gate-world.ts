// A real Runtime over a real node:sqlite store in a temp dir, a manual clock, three clients and the
// downstream double; it can restart (dispose the store, reopen it, build a new Runtime on it).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { Client, Clock, Ids } from '../../../main/core/model.ts';
import type { Store } from '../../../main/core/store/store-types.ts';
import { openStore } from '../../../main/core/store/open-store.ts';
import { Runtime, type RuntimeSettings } from '../../../main/core/runtime/runtime.ts';
import { buildCatalog } from '../../../main/core/gateway/tool-catalog.ts';
import { callGatedTool } from '../../../main/core/gateway/call-tool.ts';
import { requestAccessTool } from '../../../main/core/gateway/tools/request-access.ts';
import { silentLog } from '../../../main/core/defaults.ts';
import { createDownstream, type CallArgs, type Downstream, type Receipt } from './downstream-double.ts';

/** A clock that moves only when the test says so. */
export interface ManualClock extends Clock {
  set(at: number): void;
  advance(ms: number): void;
}

/** Epoch ms the clock starts at. */
export const T0 = 1_800_000_000_000;

/** A clock at T0 that never goes backwards. */
export function manualClock(start = T0): ManualClock {
  let now = start;
  return {
    now: () => now,
    set(at) {
      if (at < now) throw new Error(`the clock does not go backwards (${at} < ${now})`);
      now = at;
    },
    advance(ms) {
      now += ms;
    },
  };
}

export const CLIENT_IDS = ['cli_a', 'cli_b', 'cli_c'] as const;
export const MAX_TTL_SECONDS = 3600;
export const LAPSE_MS = 300_000;

/** One test's world; `rt` and `store` change on restart. */
export interface GateWorld {
  clock: ManualClock;
  rt: Runtime;
  store: Store;
  clients: Client[];
  downstream: Downstream;
  /** A fresh call number (what a receipt is traced back by). */
  nextCallNo(): number;
  /** Starts a gated call of `client` to `<connection>__<tool>`, found through the real catalog. */
  call(client: Client, exposedName: string, args: CallArgs, caller: AbortController): Promise<CallToolResult>;
  /** Starts `hallpass__request_access` as `client`. */
  requestAccess(client: Client, args: Record<string, unknown>, caller: AbortController): Promise<CallToolResult>;
  /** Flushes, disposes the store, reopens it and builds a new Runtime on it. */
  restart(): void;
  /** Flushes, closes the store and removes the temp dir. */
  dispose(): void;
}

/** Opens a world; `onReceive` runs synchronously whenever the downstream receives a call. */
export function openGateWorld(options: { approvalWaitMs: number; onReceive?: (receipt: Receipt) => void }): GateWorld {
  const dir = mkdtempSync(join(tmpdir(), 'hallpass-runtime-test-'));
  const dbPath = join(dir, 'hallpass.db');
  const clock = manualClock();
  let n = 0;
  const ids: Ids = { id: (prefix) => `${prefix}_${++n}`, token: () => `token_${++n}` };
  const settings: RuntimeSettings = { approvalWaitMs: options.approvalWaitMs, maxTtlMs: MAX_TTL_SECONDS * 1000, requestLapseMs: LAPSE_MS };
  const clients: Client[] = CLIENT_IDS.map((id, i) => ({
    id, name: `agent ${id}`, tokenHash: createHash('sha256').update(id).digest('hex'), createdAt: T0 - 1000 + i,
  }));
  let store: Store;
  try {
    store = openStore(dbPath);
    for (const c of clients) store.clients.add(c);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const runtime = () => new Runtime({ clock, ids, log: silentLog, store, settings });
  const downstream = createDownstream(clock, (receipt) => options.onReceive?.(receipt));
  const catalog = buildCatalog(downstream.connections, []);
  let calls = 0;
  const world: GateWorld = {
    clock, rt: runtime(), store, clients, downstream,
    nextCallNo: () => ++calls,
    call(client, exposedName, args, caller) {
      const entry = catalog.byName.get(exposedName);
      if (!entry) throw new Error(`no tool ${exposedName}`);
      return callGatedTool(world.rt, entry, args, { client, signal: caller.signal });
    },
    requestAccess(client, args, caller) {
      return requestAccessTool.run(world.rt, args, { client, signal: caller.signal }, downstream.connections.map((c) => c.id));
    },
    restart() {
      world.rt.flush();
      store.dispose();
      store = openStore(dbPath);
      world.store = store;
      world.rt = runtime();
    },
    dispose() {
      try {
        world.rt.flush();
      } finally {
        store.dispose();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  return world;
}

/** Lets every pending promise continuation (and I/O callbacks) run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The text of a one-block tool result. */
export function resultText(result: CallToolResult): string {
  const block = result.content[0];
  return block && block.type === 'text' ? block.text : '';
}
