/** Pure session and grant logic: state at a moment, and what a grant covers. */
import type { Access, Grant, Session, SessionState } from '../model.ts';

/** The state of a session at `now` (epoch ms). Derived from the clock at every read, never stored. */
export function sessionState(session: Session, now: number): SessionState {
  if (session.revokedAt !== undefined) return 'revoked';
  // INVARIANT: a session is active strictly before expiresAt; at expiresAt it has ended.
  return now < session.expiresAt ? 'active' : 'expired';
}

/** Whether a granted access level permits the needed one (write includes read). */
export function accessCovers(granted: Access, needed: Access): boolean {
  return granted === 'write' || needed === 'read';
}

/** Whether one grant covers a call of `tool` on `connection` needing `access`. */
export function grantCovers(grant: Grant, connection: string, tool: string, access: Access): boolean {
  return grant.connection === connection
    && accessCovers(grant.access, access)
    && (grant.tools === undefined || grant.tools.includes(tool));
}

/** Whether any grant of a list covers the call. */
export function grantsCover(grants: readonly Grant[], connection: string, tool: string, access: Access): boolean {
  for (const g of grants) if (grantCovers(g, connection, tool, access)) return true;
  return false;
}

/** Whether `inner` asks for nothing beyond `outer` (used to join requests and to check narrowing). */
export function grantsWithin(inner: readonly Grant[], outer: readonly Grant[]): boolean {
  return inner.every((g) => outer.some((o) =>
    o.connection === g.connection
    && accessCovers(o.access, g.access)
    && (o.tools === undefined || (g.tools !== undefined && g.tools.every((t) => o.tools!.includes(t))))));
}
