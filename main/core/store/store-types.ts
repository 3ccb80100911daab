/** The storage contract the rest of the core codes against (implemented over node:sqlite in store/). */
import type { AccessRequest, Client, ConnectionConfig, Session, Disposable } from '../model.ts';
import type { AuditEntry, AuditRow } from '../audit/audit-types.ts';

export interface AuditQuery {
  /** Only rows with `at >= since` (epoch ms). */
  since?: number;
  /** Only rows of this client id. */
  client?: string;
  /** At most this many rows: the newest `limit`, returned oldest first ("newest last"). */
  limit?: number;
}

export interface VerifyResult {
  ok: boolean;
  rows: number;
  /** The first row whose hash or link does not match, when not ok. */
  firstBad?: { seq: number; reason: string };
}

export interface Store extends Disposable {
  clients: {
    add(client: Client): void;
    list(): Client[];
    byTokenHash(hash: string): Client | undefined;
    byName(name: string): Client | undefined;
    /** Removes by id or name; returns whether one was removed. */
    remove(idOrName: string): boolean;
  };
  connections: {
    /** Insert or replace by id. */
    put(config: ConnectionConfig): void;
    list(): ConnectionConfig[];
    get(id: string): ConnectionConfig | undefined;
    remove(id: string): boolean;
  };
  sessions: {
    insert(session: Session): void;
    /** Persist revocation (idempotent). */
    revoke(id: string, at: number, reason: string): void;
    /** Persist the call counter. */
    setCalls(id: string, calls: number): void;
    list(): Session[];
  };
  requests: {
    insert(request: AccessRequest): void;
    /** Persist a state change (and grants, when a request was joined/merged). */
    update(request: AccessRequest): void;
    list(): AccessRequest[];
  };
  audit: {
    /** Appends durably, chaining the hash; returns the stored row. */
    append(entry: AuditEntry): AuditRow;
    /** Appends several entries durably in one transaction (one commit), in order. */
    appendMany(entries: readonly AuditEntry[]): AuditRow[];
    query(q: AuditQuery): AuditRow[];
    /** Every row, oldest first (export). */
    all(): Iterable<AuditRow>;
    verify(): VerifyResult;
  };
  settings: {
    get(key: string): string | undefined;
    set(key: string, value: string): void;
  };
  /** Changes whenever another connection (e.g. the CLI) commits to the database. */
  dataVersion(): number;
}
