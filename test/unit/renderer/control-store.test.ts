import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createControlStore } from '../../../renderer/stores/control-store.ts';
import { createFakeBridge } from './support/fake-bridge.ts';
import { clientView, connectionView, requestView, sessionView } from './support/views.ts';

const NOW = 1_700_000_000_000;
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('start loads every list, follows events and stops cleanly', async () => {
  const fake = createFakeBridge(() => NOW, { connections: [connectionView({ id: 'everything' })], clients: [clientView({ id: 'cli_1' })] });
  const store = createControlStore(fake);
  const stop = store.getState().start();
  await settle();
  const s = store.getState();
  assert.equal(s.loaded, true);
  assert.equal(s.connections[0]?.id, 'everything');
  assert.equal(s.status?.lockedDown, false);

  const before = fake.calls.length;
  fake.put({ requests: [requestView({ id: 'req_1' })] });
  await settle();
  assert.deepEqual(fake.calls.slice(before).map((c) => c.method), ['requests'], 'an event refetches only its list');
  assert.equal(store.getState().requests[0]?.id, 'req_1');
  stop();
  assert.equal(fake.listenerCount(), 0);
});

test('a slow older answer never overwrites a newer one', async () => {
  const fake = createFakeBridge(() => NOW);
  const gates: ((v: ReturnType<typeof requestView>[]) => void)[] = [];
  fake.requests = () => new Promise((resolve) => gates.push(resolve));
  const store = createControlStore(fake);
  const first = store.getState().refresh('requests');
  const second = store.getState().refresh('requests');
  gates[1]?.([requestView({ id: 'new' })]);
  await second;
  gates[0]?.([requestView({ id: 'old' })]);
  await first;
  assert.deepEqual(store.getState().requests.map((r) => r.id), ['new']);
});

test('approve sends the narrowed input and the lists follow', async () => {
  const fake = createFakeBridge(() => NOW, { requests: [requestView({ id: 'req_1' })] });
  const store = createControlStore(fake);
  assert.equal(await store.getState().approve('req_1', { ttlSeconds: 300, access: 'read' }), true);
  assert.deepEqual(fake.calls.find((c) => c.method === 'approve')?.args, ['req_1', { ttlSeconds: 300, access: 'read' }]);
  assert.equal(store.getState().requests[0]?.state, 'approved');
  assert.equal(store.getState().sessions[0]?.expiresAt, NOW + 300_000);
  assert.equal(store.getState().sessions[0]?.grants[0]?.access, 'read');
});

test('a refusal is shown (Electron wrapping removed) until dismissed', async () => {
  const fake = createFakeBridge(() => NOW, { sessions: [sessionView({ id: 'ses_1', expiresAt: NOW + 1000 })] });
  const store = createControlStore(fake);
  fake.failNext('revoke', "Error invoking remote method 'control:revoke': ControlError: unknown session");
  assert.equal(await store.getState().revoke('ses_1'), false);
  assert.equal(store.getState().error, 'unknown session');
  store.getState().dismissError();
  assert.equal(store.getState().error, undefined);
});

test('kill refreshes everything into the locked-down state; rearm ends it', async () => {
  const fake = createFakeBridge(() => NOW, {
    sessions: [sessionView({ id: 'ses_1', expiresAt: NOW + 60_000 })],
    requests: [requestView({ id: 'req_1' })],
  });
  const store = createControlStore(fake);
  assert.equal(await store.getState().kill(), true);
  const s = store.getState();
  assert.equal(s.status?.lockedDown, true);
  assert.equal(s.sessions[0]?.state, 'revoked');
  assert.equal(s.requests[0]?.state, 'denied');
  await store.getState().rearm();
  assert.equal(store.getState().status?.lockedDown, false);
});

test('extend opens a new pending request instead of touching the session', async () => {
  const fake = createFakeBridge(() => NOW, { sessions: [sessionView({ id: 'ses_1', expiresAt: NOW + 60_000 })] });
  const store = createControlStore(fake);
  await store.getState().extend('ses_1');
  assert.equal(store.getState().requests.filter((r) => r.state === 'pending').length, 1);
  assert.equal(fake.state.sessions[0]?.expiresAt, NOW + 60_000);
});

test('adding a client returns the one-time token but never keeps it in the store', async () => {
  const fake = createFakeBridge(() => NOW);
  const store = createControlStore(fake);
  const added = await store.getState().addClient('Cursor');
  assert.ok(added?.token.startsWith('hp_'));
  assert.equal(store.getState().clients[0]?.name, 'Cursor');
  assert.ok(added && !JSON.stringify(store.getState()).includes(added.token));
});
