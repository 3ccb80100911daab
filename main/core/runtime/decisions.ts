/** What a person decides: approve (narrowing only), deny, revoke, extend, kill, re-arm. Each one audited. */
import type { AccessRequest, Grant, Session } from '../model.ts';
import type { ApproveInput } from '../control/schemas.ts';
import { ControlError } from '../control/control-types.ts';
import { RevokedError } from '../gateway/in-flight.ts';
import { sessionState } from '../sessions/session-state.ts';
import type { Runtime } from './runtime.ts';

function pendingRequest(rt: Runtime, id: string): AccessRequest {
  rt.lapseDue();
  const r = rt.requests.get(id);
  if (!r) throw new ControlError(404, `no request ${id}`);
  const state = rt.requests.stateAt(r, rt.clock.now());
  if (state !== 'pending') throw new ControlError(409, `request ${id} is ${state}, not pending`);
  return r;
}

/** Narrows the asked grants by the person's choice; throws on any attempt to widen. */
export function narrowGrants(asked: readonly Grant[], input: ApproveInput): Grant[] {
  let grants = asked.map((g) => ({ ...g }));
  if (input.connections) {
    const askedIds = new Set(asked.map((g) => g.connection));
    const extra = input.connections.filter((c) => !askedIds.has(c));
    // SECURITY: approval can only narrow: no connection that was not asked.
    if (extra.length) throw new ControlError(400, `cannot widen: ${extra.join(', ')} was not asked`);
    grants = grants.filter((g) => input.connections!.includes(g.connection));
  }
  if (input.access) {
    if (input.access === 'write' && grants.some((g) => g.access === 'read')) {
      throw new ControlError(400, 'cannot widen: write access was not asked');
    }
    grants = grants.map((g) => ({ ...g, access: input.access! }));
  }
  return grants;
}

/** Approves a pending request: creates a session of at most the policy maximum. */
export function approve(rt: Runtime, requestId: string, input: ApproveInput): Session {
  const r = pendingRequest(rt, requestId);
  const maxSeconds = Math.floor(rt.settings.maxTtlMs / 1000);
  if (!Number.isInteger(input.ttlSeconds) || input.ttlSeconds < 1 || input.ttlSeconds > maxSeconds) {
    throw new ControlError(400, `ttlSeconds must be an integer from 1 to ${maxSeconds}`);
  }
  if (rt.lockedDown()) throw new ControlError(409, 'Hallpass is locked down; re-arm before approving');
  const grants = narrowGrants(r.grants, input);
  const now = rt.clock.now();
  const session: Session = {
    id: rt.ids.id('ses'), clientId: r.clientId, task: r.task, grants, createdAt: now,
    // INVARIANT: expiry is fixed here, absolute, and never changed afterwards.
    expiresAt: now + input.ttlSeconds * 1000, requestId: r.id, calls: 0,
  };
  rt.addSession(session);
  const decided = rt.requests.decide(r.id, 'approved', now, session.id)!;
  rt.store.requests.update(decided);
  rt.audit({ kind: 'approved', clientId: r.clientId, requestId: r.id, sessionId: session.id, reason: `${input.ttlSeconds}s: ${describeGrants(grants)}` });
  rt.emit({ type: 'requests' });
  return session;
}

/** Denies a pending request. */
export function deny(rt: Runtime, requestId: string): AccessRequest {
  const r = pendingRequest(rt, requestId);
  const decided = rt.requests.decide(r.id, 'denied', rt.clock.now())!;
  rt.store.requests.update(decided);
  rt.audit({ kind: 'denied-by-user', clientId: r.clientId, requestId: r.id });
  rt.emit({ type: 'requests' });
  return decided;
}

/** Revokes one session and aborts its in-flight calls. */
export function revoke(rt: Runtime, sessionId: string, reason = 'revoked by the person'): Session {
  const s = rt.sessions.get(sessionId) ?? rt.store.sessions.list().find((x) => x.id === sessionId);
  if (!s) throw new ControlError(404, `no session ${sessionId}`);
  const now = rt.clock.now();
  if (sessionState(s, now) !== 'active') throw new ControlError(409, `session ${sessionId} is already ${sessionState(s, now)}`);
  rt.sessions.revoke(s.id, now, reason);
  rt.store.sessions.revoke(s.id, now, reason);
  // INVARIANT: revoke takes effect for new calls at once (state read at call time) and aborts in-flight ones.
  const aborted = rt.inFlight.abortSession(s.id, new RevokedError(`session ${s.id} was revoked by the person`));
  rt.audit({ kind: 'revoked', clientId: s.clientId, sessionId: s.id, reason: `${reason}; ${aborted} in-flight call(s) aborted` });
  rt.emit({ type: 'sessions' });
  return s;
}

/** Opens a new request with a session's scope: more time is a new approval, never automatic. */
export function extend(rt: Runtime, sessionId: string): AccessRequest {
  const s = rt.sessions.get(sessionId);
  if (!s) throw new ControlError(404, `no session ${sessionId}`);
  if (rt.lockedDown()) throw new ControlError(409, 'Hallpass is locked down; re-arm first');
  const { request, joined } = rt.openRequest({ clientId: s.clientId, task: s.task, grants: s.grants.map((g) => ({ ...g })) });
  rt.audit({ kind: 'pending', clientId: s.clientId, requestId: request.id, sessionId: s.id, reason: joined ? 'extension joined a pending request' : 'extension asked by the person' });
  return request;
}

/** The kill switch: revoke everything, abort every call, deny every pending request, lock down. */
export function kill(rt: Runtime): { revokedSessions: number; abortedCalls: number; deniedRequests: number } {
  const now = rt.clock.now();
  rt.lapseDue(); // requests already past their time are lapsed (and audited as such), not denied
  rt.setLockedDown(true);
  // INVARIANT: abort first so no in-flight call outlives the switch.
  const abortedCalls = rt.inFlight.abortAll(new RevokedError('the kill switch was pulled in Hallpass'));
  let revokedSessions = 0;
  for (const s of rt.sessions.active(now)) {
    rt.sessions.revoke(s.id, now, 'kill switch');
    rt.store.sessions.revoke(s.id, now, 'kill switch');
    revokedSessions++;
  }
  let deniedRequests = 0;
  for (const r of rt.requests.all()) {
    if (r.state !== 'pending') continue;
    const decided = rt.requests.decide(r.id, 'denied', now);
    if (decided) { rt.store.requests.update(decided); deniedRequests++; }
  }
  rt.audit({ kind: 'kill', reason: `${revokedSessions} session(s) revoked, ${abortedCalls} call(s) aborted, ${deniedRequests} request(s) denied` });
  rt.emit({ type: 'sessions' });
  rt.emit({ type: 'requests' });
  return { revokedSessions, abortedCalls, deniedRequests };
}

/** Ends lockdown; only a person can do this. */
export function rearm(rt: Runtime): void {
  if (!rt.lockedDown()) return;
  rt.setLockedDown(false);
  rt.audit({ kind: 'rearm', reason: 're-armed by the person' });
}

/** Short text of grants for audit rows. */
export function describeGrants(grants: readonly Grant[]): string {
  return grants.map((g) => `${g.connection}:${g.access}${g.tools ? `[${g.tools.join(',')}]` : ''}`).join(' ');
}
