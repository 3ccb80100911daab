// Compares the Runtime (memory and store) with the model after every step; returns what disagrees.
import { isDeepStrictEqual } from 'node:util';
import type { AuditKind } from '../../../main/core/audit/audit-types.ts';
import type { Session } from '../../../main/core/model.ts';
import { sessionState } from '../../../main/core/sessions/session-state.ts';
import type { GateModel } from './gate-model.ts';
import type { GateWorld } from './gate-world.ts';

/** How many audit rows of each kind the steps so far must have left. */
export type ExpectedRows = Record<Exclude<AuditKind, 'lapsed'>, number>;

/** An empty tally of expected audit rows. */
export function noRows(): ExpectedRows {
  return { allowed: 0, 'call-result': 0, denied: 0, pending: 0, approved: 0, 'denied-by-user': 0, expired: 0, revoked: 0, kill: 0, rearm: 0 };
}

/** Everything that disagrees between the world and the model right now. */
export function disagreements(world: GateWorld, model: GateModel, rows: ExpectedRows, callsBySession: Map<string, number>): string[] {
  const problems: string[] = [];
  const now = world.clock.now();
  const { rt, store } = world;

  // INVARIANT 2: sessions exist only through approve; grants and expiry never change; revocation is final.
  const compare = (where: string, actual: readonly Session[]) => {
    const ids = actual.map((s) => s.id);
    const want = model.sessions.map((s) => s.id);
    if (!isDeepStrictEqual(ids, want)) problems.push(`INVARIANT 2: ${where} holds sessions [${ids.join(', ')}], approve created [${want.join(', ')}]`);
    for (const m of model.sessions) {
      const s = actual.find((x) => x.id === m.id);
      if (!s) continue;
      if (s.clientId !== m.clientId || s.expiresAt !== m.expiresAt || s.createdAt !== m.createdAt || !isDeepStrictEqual(s.grants, m.grants)) {
        problems.push(`INVARIANT 2: ${where} session ${s.id} changed: ${JSON.stringify({ clientId: s.clientId, grants: s.grants, createdAt: s.createdAt, expiresAt: s.expiresAt })}, approved as ${JSON.stringify(m)}`);
      }
      if (s.revokedAt !== m.revokedAt) problems.push(`INVARIANT 3: ${where} session ${s.id} revokedAt ${s.revokedAt}, expected ${m.revokedAt}`);
      const state = sessionState(s, now);
      const want = m.revokedAt !== undefined ? 'revoked' : now < m.expiresAt ? 'active' : 'expired';
      if (state !== want) problems.push(`INVARIANT 3: ${where} session ${s.id} is ${state} at ${now}, expected ${want}`);
    }
  };
  compare('memory', rt.sessions.all());
  compare('store', store.sessions.list());
  for (const s of rt.sessions.all()) {
    const calls = callsBySession.get(s.id) ?? 0;
    if (s.calls !== calls) problems.push(`session ${s.id} counts ${s.calls} calls, the downstream received ${calls}`);
  }

  const requests = rt.requests.all();
  const reqIds = requests.map((r) => r.id).sort();
  const wantIds = [...model.requests.keys()].sort();
  if (!isDeepStrictEqual(reqIds, wantIds)) problems.push(`requests [${reqIds.join(', ')}], expected [${wantIds.join(', ')}]`);
  for (const r of requests) {
    const m = model.requests.get(r.id);
    if (!m) continue;
    const state = rt.requests.stateAt(r, now);
    const want = model.requestState(m, now);
    if (state !== want) problems.push(`request ${r.id} is ${state} at ${now}, expected ${want}`);
    if (r.clientId !== m.clientId || !isDeepStrictEqual(r.grants, m.grants) || r.lapsesAt !== m.lapsesAt) problems.push(`request ${r.id} changed what it asks`);
  }

  // INVARIANT 3: the kill switch holds until re-armed, and survives a restart.
  if (rt.lockedDown() !== model.lockedDown) problems.push(`INVARIANT 3: lockedDown is ${rt.lockedDown()}, expected ${model.lockedDown}`);
  if (model.lockedDown && (rt.sessions.active(now).length || requests.some((r) => rt.requests.stateAt(r, now) === 'pending'))) {
    problems.push('INVARIANT 3: locked down with an active session or a pending request');
  }

  // INVARIANT 4: every decision left exactly its row, and the chain verifies. Outcome rows queued to ride
  // with the next commit are written first, as the core's sweep does.
  rt.flush();
  const verify = store.audit.verify();
  if (!verify.ok) problems.push(`INVARIANT 4: audit verify failed: ${JSON.stringify(verify.firstBad)}`);
  const counts = new Map<string, number>();
  const lapsed = new Set<string>();
  for (const row of store.audit.all()) {
    counts.set(row.kind, (counts.get(row.kind) ?? 0) + 1);
    if (row.kind !== 'lapsed') continue;
    const m = row.requestId === undefined ? undefined : model.requests.get(row.requestId);
    if (!m || lapsed.has(m.id) || model.requestState(m, row.at) !== 'lapsed') problems.push(`INVARIANT 4: unexpected lapsed row for ${row.requestId}`);
    else lapsed.add(m.id);
  }
  for (const [kind, want] of Object.entries(rows)) {
    const got = counts.get(kind) ?? 0;
    if (got !== want) problems.push(`INVARIANT 4: ${got} audit row(s) of kind ${kind}, expected ${want}`);
  }
  return problems;
}
