// The test's own picture of what Hallpass must allow, written from DESIGN.md §1–§3 (not from the code):
// who holds which session until when, which requests are open, whether the kill switch holds.
import type { Access, Grant, RequestState } from '../../../main/core/model.ts';
import type { ApproveInput } from '../../../main/core/control/schemas.ts';
import { MAX_TTL_SECONDS } from './gate-world.ts';

/** A session as the model knows it: fixed at approval, only revocation is added later. */
export interface ModelSession {
  id: string;
  clientId: string;
  grants: Grant[];
  createdAt: number;
  expiresAt: number;
  revokedAt?: number;
}

/** A request as the model knows it. */
export interface ModelRequest {
  id: string;
  clientId: string;
  grants: Grant[];
  lapsesAt: number;
  state: RequestState;
}

/** The access a call truly needs (DESIGN.md §1): the connector's own per-call class, failing closed to write. */
export function neededAccess(connection: string, tool: string, args: { sql?: string }): Access {
  if (connection === 'db') return args.sql === undefined || args.sql.includes('boom') || !args.sql.startsWith('select ') ? 'write' : 'read';
  return tool === 'read_file' || tool === 'fetch' ? 'read' : 'write';
}

/** Whether one grant lets `tool` of `connection` run with `access`. */
export function grantLets(g: Grant, connection: string, tool: string, access: Access): boolean {
  return g.connection === connection && (g.access === 'write' || access === 'read') && (g.tools === undefined || g.tools.includes(tool));
}

/** What the model expects of the Runtime. */
export class GateModel {
  readonly sessions: ModelSession[] = [];
  readonly requests = new Map<string, ModelRequest>();
  lockedDown = false;

  /** Whether the session is active at `now` (strictly before expiresAt, never after revocation). */
  active(s: ModelSession, now: number): boolean {
    return s.revokedAt === undefined && now < s.expiresAt;
  }

  /** The active session of `clientId` that lets this call run now, if any (none while locked down). */
  covering(clientId: string, connection: string, tool: string, access: Access, now: number): ModelSession[] {
    if (this.lockedDown) return [];
    return this.sessions.filter((s) => s.clientId === clientId && this.active(s, now) && s.grants.some((g) => grantLets(g, connection, tool, access)));
  }

  /** The latest-ended session of this client that would have let the call run (first of equals wins). */
  lastEnded(clientId: string, connection: string, tool: string, access: Access): ModelSession | undefined {
    let last: ModelSession | undefined;
    for (const s of this.sessions) {
      if (s.clientId !== clientId || !s.grants.some((g) => grantLets(g, connection, tool, access))) continue;
      if (!last || (s.revokedAt ?? s.expiresAt) > (last.revokedAt ?? last.expiresAt)) last = s;
    }
    return last;
  }

  /** A request's state at `now`: a pending one past its lapse time has lapsed. */
  requestState(r: ModelRequest, now: number): RequestState {
    return r.state === 'pending' && now >= r.lapsesAt ? 'lapsed' : r.state;
  }

  /** The grants a session gets when a person approves `r` with `input` now, or undefined when it must be refused. */
  approval(r: ModelRequest | undefined, input: ApproveInput, now: number): Grant[] | undefined {
    if (!r || this.requestState(r, now) !== 'pending' || this.lockedDown) return undefined;
    if (!Number.isInteger(input.ttlSeconds) || input.ttlSeconds < 1 || input.ttlSeconds > MAX_TTL_SECONDS) return undefined;
    let grants = r.grants;
    if (input.connections) {
      // Narrowing only: a connection that was not asked is a widening.
      if (input.connections.some((c) => !r.grants.some((g) => g.connection === c))) return undefined;
      grants = grants.filter((g) => input.connections!.includes(g.connection));
    }
    if (input.access === 'write' && grants.some((g) => g.access === 'read')) return undefined;
    return input.access ? grants.map((g) => ({ ...g, access: input.access! })) : grants.map((g) => ({ ...g }));
  }

  /** Records the kill switch: lock down, end every active session, deny every open request. */
  kill(now: number): void {
    this.lockedDown = true;
    for (const s of this.sessions) if (this.active(s, now)) s.revokedAt = now;
    for (const r of this.requests.values()) if (this.requestState(r, now) === 'pending') r.state = 'denied';
  }
}
