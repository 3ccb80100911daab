import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { grantsWithin, grantCovers, accessCovers } from '../../../main/core/sessions/session-state.ts';
import { SessionBook } from '../../../main/core/sessions/session-book.ts';

test('write covers read, read never covers write', () => {
  assert.equal(accessCovers('write', 'read'), true);
  assert.equal(accessCovers('read', 'write'), false);
});

test('grantCovers checks connection, access and tools', () => {
  assert.equal(grantCovers({ connection: 'fs', access: 'read' }, 'gh', 'x', 'read'), false);
  assert.equal(grantCovers({ connection: 'fs', access: 'read', tools: ['x'] }, 'fs', 'y', 'read'), false);
  assert.equal(grantCovers({ connection: 'fs', access: 'read', tools: ['x'] }, 'fs', 'x', 'read'), true);
});

test('grantsWithin: anything within covers no call the outer does not', () => {
  const g = fc.record({ connection: fc.constantFrom('a', 'b'), access: fc.constantFrom('read' as const, 'write' as const), tools: fc.option(fc.array(fc.constantFrom('x', 'y'), { maxLength: 2 }), { nil: undefined }) }, { requiredKeys: ['connection', 'access'] });
  fc.assert(fc.property(fc.array(g, { maxLength: 3 }), fc.array(g, { maxLength: 3 }), fc.constantFrom('a', 'b'), fc.constantFrom('x', 'y'), fc.constantFrom('read' as const, 'write' as const), (inner, outer, c, t, acc) => {
    if (!grantsWithin(inner, outer)) return;
    if (inner.some((x) => grantCovers(x, c, t, acc))) assert.ok(outer.some((x) => grantCovers(x, c, t, acc)));
  }), { numRuns: 2000 });
});

test('SessionBook: revoke is final and prune forgets only long-ended sessions', () => {
  const book = new SessionBook();
  book.add({ id: 's1', clientId: 'c', task: 't', grants: [], createdAt: 0, expiresAt: 100, calls: 0 });
  book.add({ id: 's2', clientId: 'c', task: 't', grants: [], createdAt: 0, expiresAt: 10_000, calls: 0 });
  assert.equal(book.revoke('s2', 50, 'r'), true);
  assert.equal(book.revoke('s2', 60, 'again'), false);
  assert.equal(book.get('s2')?.revokedAt, 50);
  assert.deepEqual(book.active(10).map((s) => s.id), ['s1']);
  book.prune(101);
  assert.deepEqual(book.all().map((s) => s.id), []);
  assert.equal(book.forClient('c').length, 0);
});

test('SessionBook indexes sessions by client and connection, and prune drops them there too', () => {
  const book = new SessionBook();
  book.add({ id: 'a', clientId: 'c1', task: 't', grants: [{ connection: 'fs', access: 'read' }, { connection: 'gh', access: 'write' }], createdAt: 0, expiresAt: 100, calls: 0 });
  book.add({ id: 'b', clientId: 'c1', task: 't', grants: [{ connection: 'fs', access: 'write' }], createdAt: 0, expiresAt: 10_000, calls: 0 });
  book.add({ id: 'c', clientId: 'c2', task: 't', grants: [{ connection: 'fs', access: 'read' }], createdAt: 0, expiresAt: 10_000, calls: 0 });
  assert.deepEqual(book.forClientConnection('c1', 'fs').map((s) => s.id), ['a', 'b']);
  assert.deepEqual(book.forClientConnection('c1', 'gh').map((s) => s.id), ['a']);
  assert.deepEqual(book.forClientConnection('c2', 'gh'), []);
  book.prune(101);
  assert.deepEqual(book.forClientConnection('c1', 'fs').map((s) => s.id), ['b']);
  assert.deepEqual(book.forClientConnection('c1', 'gh'), []);
});
