/** The core's shared state and its effects (persist, audit, notify), used by the gateway and the control API. */
import type { AccessRequest, Clock, Ids, Log, Session } from '../model.ts';
import type { Store } from '../store/store-types.ts';
import type { AuditEntry } from '../audit/audit-types.ts';
import type { ControlEvent } from '../control/schemas.ts';
import { SessionBook } from '../sessions/session-book.ts';
import { RequestBook, type OpenRequestInput } from '../approvals/request-book.ts';
import { InFlight } from '../gateway/in-flight.ts';

export interface RuntimeSettings {
  /** How long a call waits for a person (must stay under clients' 60 s timeout). */
  approvalWaitMs: number;
  /** Policy maximum of a session's duration. */
  maxTtlMs: number;
  /** How long an unanswered request stays open (so a retry after approval passes). */
  requestLapseMs: number;
}

const LOCKDOWN_KEY = 'lockedDown';

/** Shared state of one running core. */
export class Runtime {
  readonly sessions = new SessionBook();
  readonly requests: RequestBook;
  readonly inFlight = new InFlight();
  readonly #listeners = new Set<(event: ControlEvent) => void>();
  #lockedDown: boolean;
  readonly #names = new Map<string, string>();
  readonly #dirtySessions = new Set<string>();
  #auditEventTimer: NodeJS.Timeout | undefined;
  readonly #soon: AuditEntry[] = [];
  readonly clock: Clock;
  readonly ids: Ids;
  readonly log: Log;
  readonly store: Store;
  readonly settings: RuntimeSettings;

  constructor(deps: { clock: Clock; ids: Ids; log: Log; store: Store; settings: RuntimeSettings }) {
    this.clock = deps.clock;
    this.ids = deps.ids;
    this.log = deps.log;
    this.store = deps.store;
    this.settings = deps.settings;
    this.requests = new RequestBook(deps.settings.requestLapseMs);
    // INVARIANT: sessions, requests and lockdown survive a restart; state is re-derived from the clock.
    for (const s of this.store.sessions.list()) this.sessions.add(s);
    for (const r of this.store.requests.list()) this.requests.load(r);
    this.#lockedDown = this.store.settings.get(LOCKDOWN_KEY) === 'true';
  }

  /** Whether the kill switch holds everything down. */
  lockedDown(): boolean {
    return this.#lockedDown;
  }

  /** Sets and persists lockdown. */
  setLockedDown(value: boolean): void {
    this.#lockedDown = value;
    this.store.settings.set(LOCKDOWN_KEY, String(value));
    this.emit({ type: 'status' });
  }

  /** Appends an audit row (durable) and tells the UIs. */
  audit(entry: Omit<AuditEntry, 'at'> & { at?: number }): void {
    // Rows queued by auditSoon go first, in the same commit: order is kept and a call's outcome costs no commit of its own.
    const queued = this.#soon.splice(0);
    this.store.audit.appendMany([...queued, { ...entry, at: entry.at ?? this.clock.now() }].map((e) => this.#withClientName(e)));
    this.#auditChanged();
  }

  #withClientName(entry: AuditEntry): AuditEntry {
    const clientName = entry.clientId ? this.clientName(entry.clientId) : undefined;
    return clientName ? { ...entry, clientName } : entry;
  }

  /** Audit rows come with every call: tell the UIs at most every 250 ms, not per row. */
  #auditChanged(): void {
    if (!this.#auditEventTimer) {
      this.#auditEventTimer = setTimeout(() => { this.#auditEventTimer = undefined; this.emit({ type: 'audit' }); }, 250);
      this.#auditEventTimer.unref();
    }
  }

  /** Appends an audit row right after the current work (answers first, e.g. 1,000 aborted calls at a kill); `flush` drains it. */
  auditSoon(entry: Omit<AuditEntry, 'at'>): void {
    this.#soon.push({ ...entry, at: this.clock.now() });
    if (this.#soon.length === 1) setImmediate(this.#drainSoon);
  }

  readonly #drainSoon = (): void => {
    const rows = this.#soon.splice(0);
    if (rows.length === 0) return;
    try {
      this.store.audit.appendMany(rows.map((row) => this.#withClientName(row)));
      this.#auditChanged();
    } catch (err) {
      this.log.error('audit rows could not be written', { rows: rows.length, error: (err as Error).message });
    }
  };

  /** A client's display name (or its id when removed); cached, refreshed on a miss. */
  clientName(clientId: string): string {
    let name = this.#names.get(clientId);
    if (name === undefined) {
      for (const c of this.store.clients.list()) this.#names.set(c.id, c.name);
      name = this.#names.get(clientId) ?? clientId;
    }
    return name;
  }

  /** Opens (or joins) a pending request, persists and audits it, and notifies the UIs. */
  openRequest(input: OpenRequestInput): { request: AccessRequest; joined: boolean } {
    // SECURITY: defence in depth — callers check lockdown first; nothing opens while locked down.
    if (this.#lockedDown) throw new Error('Hallpass is locked down; no request can be opened until a person re-arms it');
    const now = this.clock.now();
    const opened = this.requests.openOrJoin(input, this.ids.id('req'), now);
    if (!opened.joined) {
      this.store.requests.insert(opened.request);
      this.emit({ type: 'requests' });
    }
    return opened;
  }

  /** Persists a newly approved session. */
  addSession(session: Session): void {
    this.store.sessions.insert(session);
    this.sessions.add(session);
    this.emit({ type: 'sessions' });
  }

  /**
   * Takes in what another process (the CLI, while this instance was starting) wrote: revocations and
   * lockdown. Revoked sessions abort their in-flight calls here too.
   */
  reloadFromStore(abort: (sessionId: string) => void): void {
    const locked = this.store.settings.get(LOCKDOWN_KEY) === 'true';
    if (locked !== this.#lockedDown) { this.#lockedDown = locked; this.emit({ type: 'status' }); }
    let changed = false;
    for (const stored of this.store.sessions.list()) {
      const mine = this.sessions.get(stored.id);
      if (!mine) { this.sessions.add(stored); changed = true; continue; }
      if (stored.revokedAt !== undefined && mine.revokedAt === undefined) {
        // INVARIANT: a revocation written elsewhere takes effect here at once.
        this.sessions.revoke(stored.id, stored.revokedAt, stored.revokeReason ?? 'revoked');
        abort(stored.id);
        changed = true;
      }
    }
    if (changed) this.emit({ type: 'sessions' });
  }

  /** Notes that a session's call counter changed; flushed to the store by `flush`. */
  markSessionDirty(id: string): void {
    this.#dirtySessions.add(id);
  }

  /** Writes changed call counters to the store and drops pending timers (call on dispose too). */
  flush(): void {
    this.#drainSoon();
    if (this.#auditEventTimer) { clearTimeout(this.#auditEventTimer); this.#auditEventTimer = undefined; this.emit({ type: 'audit' }); }
    for (const id of this.#dirtySessions) {
      const s = this.sessions.get(id);
      if (s) this.store.sessions.setCalls(id, s.calls);
    }
    this.#dirtySessions.clear();
  }

  /** Decides pending requests that have lapsed (persist + audit). Called on reads and by a slow sweep. */
  lapseDue(): void {
    const now = this.clock.now();
    for (const r of this.requests.due(now)) {
      const decided = this.requests.decide(r.id, 'lapsed', now);
      if (!decided) continue;
      this.store.requests.update(decided);
      this.audit({ kind: 'lapsed', clientId: r.clientId, requestId: r.id, reason: 'no decision in time' });
      this.emit({ type: 'requests' });
    }
  }

  /** Subscribes to control events. */
  onEvent(listener: (event: ControlEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Notifies every listener; a throwing listener never breaks the core. */
  emit(event: ControlEvent): void {
    for (const l of this.#listeners) {
      try { l(event); } catch (err) { this.log.warn('event listener failed', { error: (err as Error).message }); }
    }
  }
}
