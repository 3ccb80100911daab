import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RequestBook } from '../../../main/core/approvals/request-book.ts';

const T0 = 1_800_000_000_000;
const input = { clientId: 'cli_a', task: 'sort files', grants: [{ connection: 'fs', access: 'read' as const }] };

test('joins a pending request of the same client that already asks for the grants', () => {
  const book = new RequestBook(60_000);
  const a = book.openOrJoin(input, 'req_1', T0);
  const b = book.openOrJoin(input, 'req_2', T0 + 1);
  assert.equal(a.joined, false);
  assert.equal(b.joined, true);
  assert.equal(b.request.id, 'req_1');
  const c = book.openOrJoin({ ...input, grants: [{ connection: 'fs', access: 'write' }] }, 'req_3', T0 + 2);
  assert.equal(c.joined, false, 'a wider ask opens its own request');
  const d = book.openOrJoin({ ...input, clientId: 'cli_b' }, 'req_4', T0 + 3);
  assert.equal(d.joined, false, 'never joins another client\'s request');
});

test('a pending request reads as lapsed once its time has come', () => {
  const book = new RequestBook(1000);
  const { request } = book.openOrJoin(input, 'req_1', T0);
  assert.equal(book.stateAt(request, T0 + 999), 'pending');
  assert.equal(book.stateAt(request, T0 + 1000), 'lapsed');
  assert.deepEqual(book.due(T0 + 1000).map((r) => r.id), ['req_1']);
  assert.equal(book.openOrJoin(input, 'req_2', T0 + 1000).joined, false, 'never joins a lapsed request');
});

test('waiters wake on decision; only pending requests can be decided', async () => {
  const book = new RequestBook(60_000);
  const { request } = book.openOrJoin(input, 'req_1', T0);
  const waiting = book.wait(request.id, 10_000, new AbortController().signal);
  assert.equal(book.waiting(), 1);
  book.decide(request.id, 'approved', T0 + 5, 'ses_1');
  assert.equal(await waiting, 'approved');
  assert.equal(book.waiting(), 0);
  assert.equal(book.decide(request.id, 'denied', T0 + 6), undefined);
  assert.equal(book.get('req_1')?.state, 'approved');
});

test('a wait ends as pending on timeout or abort and leaves no waiter behind', async () => {
  const book = new RequestBook(60_000);
  const { request } = book.openOrJoin(input, 'req_1', T0);
  assert.equal(await book.wait(request.id, 10, new AbortController().signal), 'pending');
  const ac = new AbortController();
  const p = book.wait(request.id, 10_000, ac.signal);
  ac.abort();
  assert.equal(await p, 'pending');
  assert.equal(book.waiting(), 0);
});
