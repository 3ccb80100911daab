/** Mirror of the audit log for the Activity screen: rows, the chain's verification state, exports. */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { Bridge } from '../bridge.ts';
import type { AuditRowView, AuditVerifyView } from '../contract.ts';

/** How far back the Activity screen looks. */
export type AuditWindow = 'all' | '15m' | '1h' | '24h';

/** The person's filters; client and time are asked of main, connection and decision applied here. */
export interface AuditFilter {
  window: AuditWindow;
  clientId: string | undefined;
  connection: string | undefined;
  decision: string | undefined;
}

/** What the Activity screen reads. */
export interface AuditState {
  /** As main answers: newest last. */
  rows: AuditRowView[];
  filter: AuditFilter;
  verify: { result: AuditVerifyView; at: number } | { error: string; at: number } | undefined;
  error: string | undefined;
}

/** What the Activity screen does. */
export interface AuditActions {
  /** Follows audit events and loads the rows; returns the unsubscribe. */
  start(): () => void;
  refresh(): Promise<void>;
  setFilter(patch: Partial<AuditFilter>): void;
  verifyChain(): Promise<void>;
  /** The whole log as text, or undefined (error set). */
  exportLog(format: 'jsonl' | 'csv'): Promise<string | undefined>;
}

/** The audit store of one window. */
export type AuditStore = StoreApi<AuditState & AuditActions>;

/** Rows asked for at once. */
export const AUDIT_PAGE = 500;
const WINDOW_MS: Record<Exclude<AuditWindow, 'all'>, number> = { '15m': 15 * 60_000, '1h': 3_600_000, '24h': 86_400_000 };

/** Creates the audit store; `now` is the injected clock for the time filter. */
export function createAuditStore(bridge: Bridge, now: () => number): AuditStore {
  let running: Promise<void> | undefined;
  let again = false;

  return createStore<AuditState & AuditActions>()((set, get) => {
    const load = async (): Promise<void> => {
      const { filter } = get();
      try {
        const rows = await bridge.audit({
          limit: AUDIT_PAGE,
          ...(filter.window === 'all' ? {} : { since: Math.max(0, now() - WINDOW_MS[filter.window]) }),
          ...(filter.clientId === undefined ? {} : { client: filter.clientId }),
        });
        set({ rows, error: undefined });
      } catch (err) {
        set({ error: err instanceof Error ? err.message : String(err) });
      }
    };

    // Bursts of events collapse into at most one fetch in flight plus one after it.
    const refresh = (): Promise<void> => {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        do {
          again = false;
          await load();
        } while (again);
      })().finally(() => {
        running = undefined;
      });
      return running;
    };

    return {
      rows: [],
      filter: { window: 'all', clientId: undefined, connection: undefined, decision: undefined },
      verify: undefined,
      error: undefined,
      start() {
        const off = bridge.onEvent((event) => {
          if (event.type === 'audit') void refresh();
        });
        void refresh();
        return off;
      },
      refresh,
      setFilter(patch) {
        const before = get().filter;
        set({ filter: { ...before, ...patch } });
        const asksMain = (patch.window !== undefined && patch.window !== before.window)
          || ('clientId' in patch && patch.clientId !== before.clientId);
        if (asksMain) void refresh();
      },
      async verifyChain() {
        try {
          set({ verify: { result: await bridge.auditVerify(), at: now() } });
        } catch (err) {
          set({ verify: { error: err instanceof Error ? err.message : String(err), at: now() } });
        }
      },
      async exportLog(format) {
        try {
          return await bridge.auditExport(format);
        } catch (err) {
          set({ error: err instanceof Error ? err.message : String(err) });
          return undefined;
        }
      },
    };
  });
}
