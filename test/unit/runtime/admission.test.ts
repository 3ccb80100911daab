// Focused, deterministic cases of invariants 1 and 2 over a real Runtime and store, with a manual clock:
// a call is admitted only inside an active session of its client, at the moment of the call; sessions
// come only from approve, which narrows only, and never change afterwards (restart included).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { approve, extend } from '../../../main/core/runtime/decisions.ts';
import { sessionState } from '../../../main/core/sessions/session-state.ts';
import { ControlError } from '../../../main/core/control/control-types.ts';
import { resultText } from './gate-world.ts';
import { auditKinds, pendingOf, received, start, worldFor } from './gate-test-kit.ts';

test('INVARIANT 1: a session admits until the millisecond before expiresAt, and nothing from expiresAt on', async (t) => {
  const world = worldFor(t);
  const first = start(world, 0, 'files__read_file');
  assert.match(await first.text(), /Waiting for approval in Hallpass/);
  assert.equal(received(world, first), false);
  const session = approve(world.rt, pendingOf(world, 0).id, { ttlSeconds: 60 });

  const inside = start(world, 0, 'files__read_file');
  assert.equal(received(world, inside), true, 'admitted at once, at the moment of the call');
  assert.equal(await inside.text(), `files/read_file #${inside.args.callNo}`);
  world.clock.set(session.expiresAt - 1);
  const lastMs = start(world, 0, 'files__read_file');
  assert.equal(received(world, lastMs), true);
  await lastMs.result;
  world.clock.set(session.expiresAt);
  const atExpiry = start(world, 0, 'files__read_file');
  assert.equal(received(world, atExpiry), false, 'nothing is admitted at expiresAt');
  assert.match(await atExpiry.text(), /Session ses_\d+ expired at .*a new request req_\d+ is waiting/);
  assert.deepEqual(auditKinds(world).slice(-2), ['expired', 'pending']);
  assert.deepEqual(world.downstream.receipts.map((r) => r.at), [session.createdAt, session.expiresAt - 1]);
});

test('INVARIANT 1: another client\'s session admits nothing', async (t) => {
  const world = worldFor(t);
  await start(world, 0, 'files__write_file').result;
  approve(world.rt, pendingOf(world, 0).id, { ttlSeconds: 600 });
  const other = start(world, 1, 'files__read_file');
  assert.match(await other.text(), /Waiting for approval/);
  assert.equal(received(world, other), false);
  assert.equal(pendingOf(world, 1).clientId, world.clients[1]!.id);
});

test('INVARIANT 1: access is decided per call; a read session never admits a write, and a classifier failure counts as write', async (t) => {
  const world = worldFor(t);
  await start(world, 0, 'db__query', { sql: 'select * from notes' }).result;
  const session = approve(world.rt, pendingOf(world, 0).id, { ttlSeconds: 600 });
  assert.deepEqual(session.grants, [{ connection: 'db', access: 'read' }]);
  const read = start(world, 0, 'db__query', { sql: 'select * from notes' });
  const write = start(world, 0, 'db__query', { sql: 'delete from notes' });
  const unparsable = start(world, 0, 'db__query', { sql: 'select boom' });
  assert.equal(received(world, read), true);
  assert.equal(received(world, write), false, 'the tool is read by its static class, but this call writes');
  assert.equal(received(world, unparsable), false, 'a failing classifier fails closed to write');
  await Promise.all([read.result, write.result, unparsable.result]);
  assert.deepEqual(world.rt.requests.all().filter((r) => r.state === 'pending').map((r) => r.grants), [[{ connection: 'db', access: 'write' }]],
    'both writes asked (and joined) one request for db write');
});

test('INVARIANT 1: an approval while the call waits lets that call through; one narrowed below it does not', async (t) => {
  const world = worldFor(t, 60_000);
  const fetch = start(world, 0, 'slow__fetch');
  const write = start(world, 1, 'files__write_file');
  approve(world.rt, pendingOf(world, 0).id, { ttlSeconds: 60 });
  approve(world.rt, pendingOf(world, 1).id, { ttlSeconds: 60, access: 'read' });
  assert.match(await write.text(), /approved request req_\d+ with a narrower scope that does not cover this call/);
  assert.equal(received(world, write), false);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(received(world, fetch), true, 'the waiting call went through once approved');
  world.downstream.receipts[0]!.release();
  assert.equal(await fetch.text(), `slow/fetch #${fetch.args.callNo}`);
});

test('INVARIANT 2: approve narrows only; widening connections, access or time throws and changes nothing', async (t) => {
  const world = worldFor(t);
  const asked = await world.requestAccess(world.clients[0]!, { task: 'read the notes', connections: ['files', 'db'], access: 'read' }, new AbortController());
  assert.match(resultText(asked), /Waiting for approval/);
  const request = pendingOf(world, 0);
  const rowsBefore = auditKinds(world);
  for (const widen of [
    { ttlSeconds: 60, access: 'write' as const },
    { ttlSeconds: 60, connections: ['files', 'slow'] },
    { ttlSeconds: 3601 },
    { ttlSeconds: 0 },
  ]) {
    assert.throws(() => approve(world.rt, request.id, widen), ControlError, JSON.stringify(widen));
  }
  assert.deepEqual(world.rt.sessions.all(), []);
  assert.deepEqual(world.store.sessions.list(), []);
  assert.equal(world.rt.requests.stateAt(request, world.clock.now()), 'pending');
  assert.deepEqual(auditKinds(world), rowsBefore, 'a refused approval leaves no row');

  const session = approve(world.rt, request.id, { ttlSeconds: 90, connections: ['db'] });
  assert.deepEqual(session.grants, [{ connection: 'db', access: 'read' }]);
  assert.equal(session.expiresAt, world.clock.now() + 90_000);
  assert.equal(received(world, start(world, 0, 'files__read_file')), false, 'the connection left out stays out');
});

test('INVARIANT 2: extend opens a new request and leaves the session as it was; a restart keeps it exactly, expired stays expired', async (t) => {
  const world = worldFor(t);
  await start(world, 0, 'files__read_file').result;
  const session = structuredClone(approve(world.rt, pendingOf(world, 0).id, { ttlSeconds: 60 }));
  const request = extend(world.rt, session.id);
  assert.deepEqual(request.grants, session.grants);
  assert.equal(request.state, 'pending');
  const unchanged = (s: typeof session) => ({ id: s.id, clientId: s.clientId, grants: s.grants, createdAt: s.createdAt, expiresAt: s.expiresAt });
  assert.deepEqual(world.rt.sessions.all().map(unchanged), [unchanged(session)]);

  world.clock.set(session.expiresAt + 1);
  world.restart();
  assert.deepEqual(world.rt.sessions.all().map(unchanged), [unchanged(session)]);
  assert.equal(sessionState(world.rt.sessions.get(session.id)!, world.clock.now()), 'expired');
  const after = start(world, 0, 'files__read_file');
  assert.equal(received(world, after), false);
  assert.match(await after.text(), /expired at/);
});
