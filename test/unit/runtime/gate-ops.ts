// Random steps for the model-based test: plain data (printed as-is in a counterexample), applied to a GateRun.
import fc from 'fast-check';
import type { Access } from '../../../main/core/model.ts';
import type { ApproveInput } from '../../../main/core/control/schemas.ts';
import type { GateRun, TrackedCall } from './gate-run.ts';

export type Op =
  | { op: 'call'; client: number; tool: string; sql?: string; stubborn?: boolean }
  | { op: 'requestAccess'; client: number; connections: string[]; access: Access; minutes?: number }
  | { op: 'approve'; pick: number; ttlSeconds: number; access?: Access; keep?: number; widen?: boolean; sameTick?: 'revoke' | 'kill' | 'expire' }
  | { op: 'deny' | 'revoke' | 'extend' | 'release' | 'cancel' | 'toLapse' | 'retry'; pick: number }
  | { op: 'toExpiry'; pick: number; delta: -1 | 0 }
  | { op: 'advance'; ms: number }
  | { op: 'kill' | 'rearm' | 'wait' | 'restart' };

const client = fc.nat(2);
const pick = fc.nat(50);
const access = fc.constantFrom<Access>('read', 'write');
const rarely = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
const connectionTool = fc.oneof(
  fc.record({ tool: fc.constantFrom('files__read_file', 'files__write_file') }),
  fc.record({ tool: fc.constant('db__query'), sql: fc.constantFrom('select * from notes', 'delete from notes', 'select boom', 'update notes set done = 1') }),
  fc.record({ tool: fc.constantFrom('slow__fetch', 'slow__mutate'), stubborn: fc.boolean() }),
);

/** One random step; calls, retries and approvals are the most frequent. */
export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(client, connectionTool).map(([c, t]): Op => ({ op: 'call', client: c, ...t })) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('retry' as const), pick }) },
  { weight: 2, arbitrary: fc.record({
    op: fc.constant('requestAccess' as const), client,
    connections: fc.uniqueArray(fc.constantFrom('files', 'db', 'slow', 'nope'), { minLength: 1, maxLength: 3 }),
    access, minutes: fc.option(fc.integer({ min: 1, max: 90 }), { nil: undefined }),
  }, { requiredKeys: ['op', 'client', 'connections', 'access'] }) },
  { weight: 6, arbitrary: fc.record({
    op: fc.constant('approve' as const), pick,
    // Mostly valid, sometimes 0 or past the policy maximum (3600 s), which must be refused.
    ttlSeconds: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 3600 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 3601, 86_400, 1.5) }),
    access, keep: fc.nat(7), widen: rarely(fc.constant(true)),
    // Rarely: something else happens in the same tick, before the waiting calls resume.
    sameTick: rarely(fc.constantFrom('revoke' as const, 'kill' as const, 'expire' as const)),
  }, { requiredKeys: ['op', 'pick', 'ttlSeconds'] }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constantFrom('deny' as const, 'revoke' as const, 'extend' as const, 'toLapse' as const), pick }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constantFrom('release' as const, 'cancel' as const), pick }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('toExpiry' as const), pick, delta: fc.constantFrom(-1 as const, 0 as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 5_000 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 60_000, max: 7_200_000 }) }) },
  { weight: 1, arbitrary: fc.constant<Op>({ op: 'kill' }) },
  { weight: 3, arbitrary: fc.constant<Op>({ op: 'rearm' }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('wait' as const, 'restart' as const) }) },
);

const at = <T>(list: readonly T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);

/** The request a step aims at: usually a pending one, sometimes any (deciding a decided one must be refused). */
function requestId(run: GateRun, i: number): string {
  const now = run.world.clock.now();
  const all = [...run.model.requests.values()];
  const pending = all.filter((r) => run.model.requestState(r, now) === 'pending');
  return at(i % 5 === 0 || !pending.length ? all : pending, i)?.id ?? 'req_unknown';
}

/** The approval a person gives: narrowed by `keep` (a bit per asked connection), widened on purpose by `widen`. */
function approveInput(run: GateRun, id: string, op: Extract<Op, { op: 'approve' }>): ApproveInput {
  const asked = [...new Set(run.model.requests.get(id)?.grants.map((g) => g.connection) ?? ['files'])];
  const input: ApproveInput = { ttlSeconds: op.ttlSeconds, ...(op.access ? { access: op.access } : {}) };
  if (op.keep === undefined && !op.widen) return input;
  const kept = asked.filter((_, i) => ((op.keep ?? 7) >> i) & 1);
  const connections = kept.length ? kept : asked.slice(0, 1);
  if (op.widen) connections.push(['files', 'db', 'slow', 'nope'].find((c) => !asked.includes(c))!);
  return { ...input, connections };
}

/** Applies one step (the caller settles and checks afterwards). */
export async function applyOp(run: GateRun, op: Op, approvalWaitMs: number): Promise<void> {
  const now = run.world.clock.now();
  const sessions = run.model.sessions;
  switch (op.op) {
    case 'call': return void run.call(op.client, op.tool, { ...(op.sql ? { sql: op.sql } : {}), ...(op.stubborn ? { stubborn: true } : {}) });
    case 'retry': {
      // An agent makes a call it made before: a retry after approval, or the next step of its task.
      const call = at(run.calls.filter((c): c is TrackedCall & { need: object } => c.settled && c.need !== undefined), op.pick);
      return void (call && run.retry(call));
    }
    case 'requestAccess': return void run.requestAccess(op.client, op.connections, op.access, op.minutes);
    case 'approve': {
      const id = requestId(run, op.pick);
      return run.approve(id, approveInput(run, id, op), op.sameTick);
    }
    case 'deny': return run.deny(requestId(run, op.pick));
    case 'revoke': {
      const active = sessions.filter((s) => run.model.active(s, now));
      return run.revoke(at(op.pick % 4 === 0 || !active.length ? sessions : active, op.pick)?.id ?? 'ses_unknown');
    }
    case 'extend': return run.extend(at(sessions, op.pick)?.id ?? 'ses_unknown');
    case 'release': return at(run.world.downstream.receipts.filter((r) => !r.answered), op.pick)?.release();
    case 'cancel': {
      const call = at(run.calls.filter((c) => !c.settled), op.pick);
      return call && run.cancel(call);
    }
    case 'toExpiry': {
      const s = at(sessions, op.pick);
      if (s && s.expiresAt + op.delta > now) run.world.clock.set(s.expiresAt + op.delta);
      return;
    }
    case 'toLapse': {
      const r = at([...run.model.requests.values()], op.pick);
      if (r && r.lapsesAt > now) run.world.clock.set(r.lapsesAt);
      return;
    }
    case 'advance': return run.world.clock.advance(op.ms);
    case 'kill': return run.kill();
    case 'rearm': return run.rearm();
    // Real time passes, so waits with a short approvalWaitMs give up (a long one is ended by other steps).
    case 'wait': return approvalWaitMs < 100 ? new Promise((resolve) => setTimeout(resolve, approvalWaitMs + 2)) : undefined;
    case 'restart': return run.restart();
  }
}
