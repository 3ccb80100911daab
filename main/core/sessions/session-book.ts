/** In-memory index of sessions by client, the authority consulted on every call (persisted by the core). */
import type { Session } from '../model.ts';
import { sessionState } from './session-state.ts';

/** Sessions indexed by id and by client; no timers, state derived from the clock on read. */
export class SessionBook {
  readonly #byId = new Map<string, Session>();
  readonly #byClient = new Map<string, Session[]>();

  /** Adds a session (newly approved or loaded from the store). */
  add(session: Session): void {
    this.#byId.set(session.id, session);
    const list = this.#byClient.get(session.clientId);
    if (list) list.push(session);
    else this.#byClient.set(session.clientId, [session]);
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
        const list = this.#byClient.get(s.clientId);
        if (list) {
          const rest = list.filter((x) => x.id !== id);
          if (rest.length) this.#byClient.set(s.clientId, rest);
          else this.#byClient.delete(s.clientId);
        }
      }
    }
  }
}
