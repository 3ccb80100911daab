// The preload's bridge: named actions only, arguments and results checked against the contract, events filtered.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import { createBridgeApi } from '../../../preload/bridge-api.ts';
import type { IpcRendererLike } from '../../../preload/bridge-api.ts';
import { commandChannel, commandNames, EVENT_CHANNEL } from '../../../preload/contract.ts';
import { forwardControlEvents, registerControlIpc } from '../../../main/electron/ipc.ts';
import { isTrustedSender, rendererLocation } from '../../../main/electron/renderer-location.ts';
import { FakeIpcMain, memoryLog } from './fake-electron.ts';
import { startTestCore } from './real-core.ts';
import type { TestCore } from './real-core.ts';

/** An ipcRenderer whose invoke answers with `reply(channel, args)`. */
function scripted(reply: (channel: string, args: unknown[]) => unknown): IpcRendererLike & { calls: string[]; events: EventEmitter } {
  const events = new EventEmitter();
  const calls: string[] = [];
  return {
    calls, events,
    invoke: async (channel, ...args) => { calls.push(channel); return reply(channel, args); },
    on: (channel, listener) => events.on(channel, listener),
    removeListener: (channel, listener) => events.removeListener(channel, listener),
  };
}

const STATUS = { lockedDown: false, version: '0.1.0', maxTtlSeconds: 3600, approvalWaitSeconds: 25 };

test('the bridge exposes exactly the commands plus onEvent, and nothing of ipcRenderer', () => {
  const api = createBridgeApi(scripted(() => undefined));
  assert.deepEqual(Object.keys(api).sort(), [...commandNames, 'onEvent'].sort());
  assert.ok(!('invoke' in api) && !('send' in api) && !('on' in api));
});

test('results are validated before the page sees them', async () => {
  const ipc = scripted((channel) => channel === commandChannel('status')
    ? { ok: true, value: { ...STATUS, secret: 'x' } }
    : { ok: true, value: STATUS });
  const api = createBridgeApi(ipc);
  await assert.rejects(api.status(), /reply does not match the contract/);
  assert.deepEqual(await api.rearm(), STATUS);
});

test('failures arrive as rejected promises with the main process message', async () => {
  const api = createBridgeApi(scripted(() => ({ ok: false, error: { status: 409, message: 'locked down: re-arm first' } })));
  await assert.rejects(api.kill(), { message: 'locked down: re-arm first' });
  const broken = createBridgeApi(scripted(() => 'garbage'));
  await assert.rejects(broken.sessions(), /malformed reply/);
});

test('bad arguments never leave the page', async () => {
  const ipc = scripted(() => ({ ok: true, value: null }));
  const api = createBridgeApi(ipc);
  await assert.rejects(api.approve('req_1', { ttlSeconds: -5 }), /invalid arguments/);
  await assert.rejects((api.deny as (...a: unknown[]) => Promise<unknown>)('req_1', 'extra'), /invalid arguments/);
  assert.deepEqual(ipc.calls, []);
});

test('events: only contract events reach the listener; unsubscribe stops them', () => {
  const ipc = scripted(() => undefined);
  const api = createBridgeApi(ipc);
  const seen: unknown[] = [];
  const off = api.onEvent((e) => seen.push(e));
  ipc.events.emit(EVENT_CHANNEL, {}, { type: 'sessions' });
  ipc.events.emit(EVENT_CHANNEL, {}, { type: 'sessions', token: 'x' });
  ipc.events.emit(EVENT_CHANNEL, {}, { type: 'shell-exec' });
  off();
  ipc.events.emit(EVENT_CHANNEL, {}, { type: 'requests' });
  assert.deepEqual(seen, [{ type: 'sessions' }]);
  assert.equal(ipc.events.listenerCount(EVENT_CHANNEL), 0);
});

describe('round trip through preload, IPC and a real core', () => {
  let t: TestCore;
  before(async () => { t = await startTestCore(); });
  after(async () => { await t.dispose(); });

  test('approve from the page creates a real session; events come back', async () => {
    const index = '/app/dist/renderer/index.html';
    const location = rendererLocation({ packaged: true, indexHtml: index });
    const ipcMain = new FakeIpcMain();
    const main = new EventEmitter();
    const ipcRenderer: IpcRendererLike = {
      invoke: (channel, ...args) => ipcMain.invoke(channel, { url: pathToFileURL(index).href, parent: null }, ...args),
      on: (channel, listener) => main.on(channel, listener),
      removeListener: (channel, listener) => main.removeListener(channel, listener),
    };
    const registration = registerControlIpc({ ipcMain, control: t.core.control, isTrustedSender: (f) => isTrustedSender(location, f), log: memoryLog() });
    const forwarding = forwardControlEvents(t.core.control, () => ({ isDestroyed: () => false, send: (channel, event) => { main.emit(channel, {}, event); } }));
    const api = createBridgeApi(ipcRenderer);
    const events: string[] = [];
    const off = api.onEvent((e) => events.push(e.type));

    const { requestId } = t.pendingRequest('Look up a customer', [{ connection: 'crm', access: 'read' }]);
    const [request] = (await api.requests()).filter((r) => r.id === requestId);
    assert.equal(request?.task, 'Look up a customer');
    const session = await api.approve(requestId, { ttlSeconds: 900 });
    assert.equal(session.state, 'active');
    assert.deepEqual((await api.sessions()).map((s) => s.id), [session.id]);
    await assert.rejects(api.approve(requestId, { ttlSeconds: 900 }), (e: Error) => e.message.length > 0 && !e.message.endsWith('failed'));
    assert.ok(events.includes('requests') && events.includes('sessions'), events.join());

    off();
    forwarding.dispose();
    registration.dispose();
  });
});
