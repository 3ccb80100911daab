/** The authorization decision: pure, defaults to deny, fails closed (DESIGN.md §2.1). */
import type { Access, Session } from '../model.ts';
import { grantsCover, sessionState } from '../sessions/session-state.ts';

/** A tool call as authorization sees it. */
export interface CallToAuthorize {
  clientId: string;
  connection: string;
  /** Bare tool name at the connection. */
  tool: string;
  access: Access;
}

export type Decision =
  | { effect: 'allow'; session: Session; reasons: string[] }
  | { effect: 'deny'; reasons: string[] }
  /** Not covered now: a person must approve. `ended` is the latest session that covered it and is over. */
  | { effect: 'ask'; reasons: string[]; ended?: { session: Session; state: 'expired' | 'revoked' } };

/**
 * Decides one call against the sessions of its client at `now`.
 * INVARIANT: allow only when an active session of that very client covers (connection, tool, access) at `now`.
 */
export function evaluate(call: CallToAuthorize, clientSessions: readonly Session[], now: number, lockedDown: boolean): Decision {
  try {
    if (lockedDown) return { effect: 'deny', reasons: ['Hallpass is locked down by the kill switch; a person must re-arm it'] };
    let ended: { session: Session; state: 'expired' | 'revoked' } | undefined;
    for (const s of clientSessions) {
      // SECURITY: never trust the list to be pre-filtered by client.
      if (s.clientId !== call.clientId) continue;
      if (!grantsCover(s.grants, call.connection, call.tool, call.access)) continue;
      const state = sessionState(s, now);
      if (state === 'active') return { effect: 'allow', session: s, reasons: [`session ${s.id} covers ${call.connection}/${call.tool} (${call.access})`] };
      const endedAt = s.revokedAt ?? s.expiresAt;
      if (!ended || endedAt > (ended.session.revokedAt ?? ended.session.expiresAt)) ended = { session: s, state };
    }
    const reasons = [`no active session covers ${call.connection}/${call.tool} (${call.access})`];
    return ended ? { effect: 'ask', reasons, ended } : { effect: 'ask', reasons };
  } catch (err) {
    // SECURITY: fail closed on any error.
    return { effect: 'deny', reasons: [`authorization error: ${(err as Error).message}`] };
  }
}
