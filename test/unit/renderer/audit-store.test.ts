import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAuditStore } from '../../../renderer/stores/audit-store.ts';
import { createFakeBridge } from './support/fake-bridge.ts';
import { auditRow } from './support/views.ts';

const NOW = 1_700_000_000_000;
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('time and client filters are asked of main; connection and decision are not', async () => {
  const fake = createFakeBridge(() => NOW);
  const store = createAuditStore(fake, () => NOW);
  store.getState().setFilter({ window: '1h', clientId: 'cli_7' });
  await settle();
  const audits = fake.calls.filter((c) => c.method === 'audit');
  assert.deepEqual(audits.at(-1)?.args, [{ limit: 500, since: NOW - 3_600_000, client: 'cli_7' }]);
  const count = audits.length;
  store.getState().setFilter({ connection: 'everything', decision: 'denied' });
  await settle();
  assert.equal(fake.calls.filter((c) => c.method === 'audit').length, count);
});

test('a burst of audit events collapses into at most two fetches', async () => {
  const fake = createFakeBridge(() => NOW);
  const store = createAuditStore(fake, () => NOW);
  const stop = store.getState().start();
  await settle();
  const before = fake.calls.filter((c) => c.method === 'audit').length;
  for (let i = 1; i <= 50; i++) fake.put({ audit: [...fake.state.audit, auditRow({ seq: i, kind: 'allowed', at: NOW })] });
  await settle();
  await settle();
  assert.ok(fake.calls.filter((c) => c.method === 'audit').length - before <= 2);
  assert.equal(store.getState().rows.length, 50);
  stop();
  assert.equal(fake.listenerCount(), 0);
});

test('the chain state and exports come from main; failures are shown', async () => {
  const fake = createFakeBridge(() => NOW, { verify: { ok: false, rows: 9, firstBad: { seq: 4, reason: 'hash mismatch' } } });
  const store = createAuditStore(fake, () => NOW);
  await store.getState().verifyChain();
  assert.deepEqual(store.getState().verify, { result: { ok: false, rows: 9, firstBad: { seq: 4, reason: 'hash mismatch' } }, at: NOW });
  fake.failNext('auditVerify', 'database locked');
  await store.getState().verifyChain();
  assert.deepEqual(store.getState().verify, { error: 'database locked', at: NOW });
  fake.failNext('auditExport', 'disk full');
  assert.equal(await store.getState().exportLog('csv'), undefined);
  assert.equal(store.getState().error, 'disk full');
});
