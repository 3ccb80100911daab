import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluate } from '../../../main/core/authz/evaluate.ts';
import { grantsCover, sessionState } from '../../../main/core/sessions/session-state.ts';
import type { Session } from '../../../main/core/model.ts';

const T0 = 1_800_000_000_000;
const session = (over: Partial<Session> = {}): Session => ({
  id: 'ses_aaaaaaaa', clientId: 'cli_a', task: 't', grants: [{ connection: 'fs', access: 'read' }],
  createdAt: T0, expiresAt: T0 + 60_000, calls: 0, ...over,
});
const call = { clientId: 'cli_a', connection: 'fs', tool: 'read_file', access: 'read' as const };

test('allows a call covered by an active session of that client', () => {
  const d = evaluate(call, [session()], T0 + 1, false);
  assert.equal(d.effect, 'allow');
});

test('asks when no session exists', () => {
  assert.equal(evaluate(call, [], T0, false).effect, 'ask');
});

test('a session ends exactly at expiresAt', () => {
  assert.equal(evaluate(call, [session()], T0 + 59_999, false).effect, 'allow');
  const d = evaluate(call, [session()], T0 + 60_000, false);
  assert.equal(d.effect, 'ask');
  assert.equal(d.effect === 'ask' && d.ended?.state, 'expired');
});

test('revoked sessions never allow, and are reported as ended', () => {
  const d = evaluate(call, [session({ revokedAt: T0 + 5 })], T0 + 10, false);
  assert.equal(d.effect, 'ask');
  assert.equal(d.effect === 'ask' && d.ended?.state, 'revoked');
});

test('another client\'s session never allows', () => {
  assert.equal(evaluate(call, [session({ clientId: 'cli_b' })], T0 + 1, false).effect, 'ask');
});

test('read grants do not cover write; write covers read', () => {
  assert.equal(evaluate({ ...call, access: 'write' }, [session()], T0 + 1, false).effect, 'ask');
  assert.equal(evaluate(call, [session({ grants: [{ connection: 'fs', access: 'write' }] })], T0 + 1, false).effect, 'allow');
});

test('tool-narrowed grants cover only their tools', () => {
  const s = session({ grants: [{ connection: 'fs', access: 'read', tools: ['list'] }] });
  assert.equal(evaluate(call, [s], T0 + 1, false).effect, 'ask');
  assert.equal(evaluate({ ...call, tool: 'list' }, [s], T0 + 1, false).effect, 'allow');
});

test('lockdown denies even with an active session', () => {
  const d = evaluate(call, [session()], T0 + 1, true);
  assert.equal(d.effect, 'deny');
});

test('fails closed when the session data is broken', () => {
  const broken = { ...session(), grants: null } as unknown as Session;
  assert.equal(evaluate(call, [broken], T0 + 1, false).effect, 'deny');
});

const arbAccess = fc.constantFrom('read' as const, 'write' as const);
const arbConn = fc.constantFrom('fs', 'gh', 'db');
const arbTool = fc.constantFrom('a', 'b', 'c');
const arbClient = fc.constantFrom('cli_a', 'cli_b');
const arbSession = fc.record({
  id: fc.string({ minLength: 1, maxLength: 6 }).map((s) => `ses_${s}`),
  clientId: arbClient,
  task: fc.constant('t'),
  grants: fc.array(fc.record({ connection: arbConn, access: arbAccess, tools: fc.option(fc.array(arbTool, { maxLength: 2 }), { nil: undefined }) }, { requiredKeys: ['connection', 'access'] }), { maxLength: 3 }),
  createdAt: fc.constant(T0),
  expiresAt: fc.integer({ min: T0, max: T0 + 1000 }),
  revokedAt: fc.option(fc.integer({ min: T0, max: T0 + 1000 }), { nil: undefined }),
  calls: fc.constant(0),
}, { requiredKeys: ['id', 'clientId', 'task', 'grants', 'createdAt', 'expiresAt', 'calls'] }) as fc.Arbitrary<Session>;

test('property: allow ⇔ an active session of that client covers the call at that moment', () => {
  fc.assert(fc.property(
    fc.array(arbSession, { maxLength: 8 }),
    fc.record({ clientId: arbClient, connection: arbConn, tool: arbTool, access: arbAccess }),
    fc.integer({ min: T0 - 10, max: T0 + 1100 }),
    fc.boolean(),
    (sessions, c, now, locked) => {
      const d = evaluate(c, sessions, now, locked);
      const justified = sessions.some((s) => s.clientId === c.clientId && sessionState(s, now) === 'active' && grantsCover(s.grants, c.connection, c.tool, c.access));
      if (d.effect === 'allow') {
        assert.ok(!locked, 'never allows while locked down');
        assert.ok(justified, 'allow must be justified by an active covering session');
        assert.ok(now < d.session.expiresAt && d.session.revokedAt === undefined && d.session.clientId === c.clientId);
      } else if (!locked) {
        assert.ok(!justified, 'a covered call must not be refused');
      }
    },
  ), { numRuns: 2000 });
});
