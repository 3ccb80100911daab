/** In-memory index of sessions by client, the authority consulted on every call (persisted by the core). */
import type { Session } from '../model.ts';
import { sessionState } from './session-state.ts';

/** Sessions indexed by id and by client; no timers, state derived from the clock on read. */
export class SessionBook {
  readonly #byId = new Map<string, Session>();
  readonly #byClient = new Map<string, Session[]>();
  /** Sessions by client and by each connection their grants name: the authorization hot path scans only these. */
  readonly #byClientConnection = new Map<string, Session[]>();

  /** Adds a session (newly approved or loaded from the store). */
  add(session: Session): void {
    this.#byId.set(session.id, session);
    const list = this.#byClient.get(session.clientId);
    if (list) list.push(session);
    else this.#byClient.set(session.clientId, [session]);
    for (const connection of new Set(session.grants.map((g) => g.connection))) {
      const key = pairKey(session.clientId, connection);
      const forPair = this.#byClientConnection.get(key);
      if (forPair) forPair.push(session);
      else this.#byClientConnection.set(key, [session]);
    }
  }

  /** The sessions of one client whose grants name `connection` (any state), oldest first. */
  forClientConnection(clientId: string, connection: string): readonly Session[] {
    return this.#byClientConnection.get(pairKey(clientId, connection)) ?? [];
  }

  /** The session with this id. */
  get(id: string): Session | undefined {
    return this.#byId.get(id);
  }

  /** Every session of one client (any state), oldest first. */
  forClient(clientId: string): readonly Session[] {
    return this.#byClient.get(clientId) ?? [];
  }

  /** Every session, oldest first. */
  all(): Session[] {
    return [...this.#byId.values()];
  }

  /** Sessions active at `now`. */
  active(now: number): Session[] {
    return this.all().filter((s) => sessionState(s, now) === 'active');
  }

  /** Marks a session revoked; returns false when unknown or already revoked. A revoked session never comes back. */
  revoke(id: string, at: number, reason: string): boolean {
    const s = this.#byId.get(id);
    if (!s || s.revokedAt !== undefined) return false;
    s.revokedAt = at;
    s.revokeReason = reason;
    return true;
  }

  /** Drops sessions that ended before `before` from memory (they stay in the store). */
  prune(before: number): void {
    for (const [id, s] of this.#byId) {
      const ended = s.revokedAt ?? s.expiresAt;
      if (ended < before) {
        this.#byId.delete(id);
        dropFrom(this.#byClient, s.clientId, id);
        for (const connection of new Set(s.grants.map((g) => g.connection))) dropFrom(this.#byClientConnection, pairKey(s.clientId, connection), id);
      }
    }
  }
}

function pairKey(clientId: string, connection: string): string {
  return `${clientId}\u0000${connection}`;
}

function dropFrom(index: Map<string, Session[]>, key: string, id: string): void {
  const list = index.get(key);
  if (!list) return;
  const rest = list.filter((x) => x.id !== id);
  if (rest.length) index.set(key, rest);
  else index.delete(key);
}
