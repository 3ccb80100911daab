// IPC: every command over a sender-checked, zod-validated channel to a real core; events pushed to the window.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { commandChannel, commandNames, EVENT_CHANNEL } from '../../../preload/contract.ts';
import { forwardControlEvents, registerControlIpc } from '../../../main/electron/ipc.ts';
import { isTrustedSender, rendererLocation } from '../../../main/electron/renderer-location.ts';
import type { Control } from '../../../main/core/control/control-types.ts';
import { FakeIpcMain, FakeWebContents, memoryLog } from './fake-electron.ts';
import { startTestCore } from './real-core.ts';
import type { TestCore } from './real-core.ts';

const INDEX = '/opt/Hallpass/resources/app.asar/dist/renderer/index.html';
const location = rendererLocation({ packaged: true, indexHtml: INDEX });
const ownFrame = { url: `${pathToFileURL(INDEX).href}#/sessions`, parent: null };

function wire(control: Control) {
  const ipcMain = new FakeIpcMain();
  const log = memoryLog();
  const registration = registerControlIpc({ ipcMain, control, isTrustedSender: (f) => isTrustedSender(location, f), log });
  return { ipcMain, log, registration };
}

describe('control IPC', () => {
  let t: TestCore;
  before(async () => { t = await startTestCore(); });
  after(async () => { await t.dispose(); });

  test('registers exactly one handler per command and removes them all on dispose', () => {
    const { ipcMain, registration } = wire(t.core.control);
    assert.deepEqual([...ipcMain.handlers.keys()].sort(), commandNames.map(commandChannel).sort());
    assert.equal(ipcMain.handlers.size, 19);
    registration.dispose();
    assert.equal(ipcMain.handlers.size, 0);
  });

  test('a valid call from the renderer reaches the core and returns its answer', async () => {
    const { ipcMain, registration } = wire(t.core.control);
    const { requestId } = t.pendingRequest('Read the README');
    const pending = await ipcMain.invoke(commandChannel('requests'), ownFrame) as { ok: true; value: { id: string; state: string }[] };
    assert.equal(pending.ok, true);
    assert.ok(pending.value.some((r) => r.id === requestId && r.state === 'pending'));

    const approved = await ipcMain.invoke(commandChannel('approve'), ownFrame, requestId, { ttlSeconds: 300 }) as { ok: true; value: { state: string; expiresAt: number } };
    assert.deepEqual({ ok: approved.ok, state: approved.value.state, expiresAt: approved.value.expiresAt }, { ok: true, state: 'active', expiresAt: t.now() + 300_000 });
    assert.equal(t.core.control.sessions().filter((s) => s.requestId === requestId).length, 1, 'the session exists in the core');
    registration.dispose();
  });

  test('every read command answers from the real core with a result that fits the contract', async () => {
    const { ipcMain, registration } = wire(t.core.control);
    t.pendingRequest('Fill the audit log');
    const reads: [string, unknown[]][] = [
      ['status', []], ['requests', []], ['sessions', []], ['connections', []], ['clients', []],
      ['audit', [{ limit: 50 }]], ['auditVerify', []], ['auditExport', ['jsonl']], ['auditExport', ['csv']], ['agentStatus', []],
    ];
    for (const [name, args] of reads) {
      const reply = await ipcMain.invoke(`hallpass:control:${name}`, ownFrame, ...args) as { ok: boolean; error?: unknown };
      assert.equal(reply.ok, true, `${name}: ${JSON.stringify(reply.error)}`);
    }
    const verify = await ipcMain.invoke(commandChannel('auditVerify'), ownFrame) as { value: { ok: boolean; rows: number } };
    assert.equal(verify.value.ok, true);
    registration.dispose();
  });

  test('forged senders are refused and logged, and the core is not touched', async () => {
    const { ipcMain, log, registration } = wire(t.core.control);
    const before = t.core.control.clients().length;
    const forged = [
      { url: 'https://evil.example/', parent: null },
      { url: pathToFileURL('/tmp/evil/index.html').href, parent: null },
      { url: `${pathToFileURL(INDEX).href}`, parent: { url: 'file:///x' } }, // a subframe, even of our own page
      { url: 'file://remote-host/opt/Hallpass/resources/app.asar/dist/renderer/index.html', parent: null },
      { url: 'about:blank', parent: null },
      null, // the frame navigated away or was destroyed
    ];
    for (const frame of forged) {
      const reply = await ipcMain.invoke(commandChannel('addClient'), frame, 'sneaky');
      assert.deepEqual(reply, { ok: false, error: { status: 403, message: 'untrusted sender' } }, JSON.stringify(frame));
    }
    assert.equal(t.core.control.clients().length, before, 'no client was added');
    const refusals = log.lines.filter((l) => l.msg.includes('untrusted sender'));
    assert.equal(refusals.length, forged.length);
    assert.deepEqual(refusals[0]?.fields, { channel: 'hallpass:control:addClient', senderUrl: 'https://evil.example/' });
    registration.dispose();
  });

  test('bad arguments are refused before they reach the core', async () => {
    const { ipcMain, log, registration } = wire(t.core.control);
    const { requestId } = t.pendingRequest('Write a file', [{ connection: 'files', access: 'write' }]);
    const bad: [string, unknown[]][] = [
      [commandChannel('approve'), [requestId]], // missing input
      [commandChannel('approve'), [requestId, { ttlSeconds: '300' }]], // wrong type
      [commandChannel('approve'), [requestId, { ttlSeconds: 300, grants: [{ connection: 'x', access: 'write' }] }]], // unknown key
      [commandChannel('approve'), [requestId, { ttlSeconds: 300, access: 'admin' }]],
      [commandChannel('approve'), [requestId, { ttlSeconds: 0 }]],
      [commandChannel('deny'), [42]],
      [commandChannel('deny'), [requestId, 'extra']], // extra argument
      [commandChannel('kill'), ['now']],
      [commandChannel('auditExport'), ['xml']],
      [commandChannel('audit'), [{ limit: 1_000_000 }]],
      [commandChannel('addClient'), ['x'.repeat(65)]],
      [commandChannel('connect'), ['../etc']], // not a connection id
      [commandChannel('disconnect'), []],
      [commandChannel('installAgent'), [{ client: 'cursor', force: true }]], // unknown key
      [commandChannel('installAgent'), [{ client: 'notepad' }]],
    ];
    for (const [channel, args] of bad) {
      const reply = await ipcMain.invoke(channel, ownFrame, ...args) as { ok: boolean; error?: { status: number } };
      assert.deepEqual([reply.ok, reply.error?.status], [false, 400], `${channel} ${JSON.stringify(args)}`);
    }
    assert.equal(t.core.control.requests().find((r) => r.id === requestId)?.state, 'pending', 'the request is untouched');
    assert.equal(t.core.control.status().lockedDown, false, 'kill did not run');
    assert.equal(log.lines.filter((l) => l.msg === 'ipc: refused invalid arguments').length, bad.length);
    registration.dispose();
  });

  test("the core's refusals come back as messages, not crashes", async () => {
    const { ipcMain, registration } = wire(t.core.control);
    const reply = await ipcMain.invoke(commandChannel('revoke'), ownFrame, 'ses_does_not_exist') as { ok: boolean; error: { status: number; message: string } };
    assert.equal(reply.ok, false);
    assert.ok(reply.error.status >= 400 && reply.error.status < 500, `status ${reply.error.status}`);
    assert.match(reply.error.message, /ses_does_not_exist|not found|unknown/i);
    registration.dispose();
  });

  test('the add-client token is the one secret sent, and only once, to the renderer', async () => {
    const { ipcMain, registration } = wire(t.core.control);
    const added = await ipcMain.invoke(commandChannel('addClient'), ownFrame, 'Claude Desktop') as { ok: true; value: { token: string; client: Record<string, unknown> } };
    assert.equal(added.ok, true);
    assert.match(added.value.token, /^hp_/);
    const listed = await ipcMain.invoke(commandChannel('clients'), ownFrame) as { ok: true; value: Record<string, unknown>[] };
    const text = JSON.stringify(listed);
    assert.ok(!text.includes(added.value.token), 'the token is never listed again');
    assert.ok(!text.includes('tokenHash'), 'no token hash either');
    registration.dispose();
  });

  test('a result that does not match the contract is withheld (strict schemas keep stray secrets out)', async () => {
    const leaky: Control = { ...t.core.control, clients: () => [{ id: 'cli_1', name: 'x', createdAt: 1, tokenHash: 'deadbeef' } as never] };
    const { ipcMain, log, registration } = wire(leaky);
    const reply = await ipcMain.invoke(commandChannel('clients'), ownFrame);
    assert.deepEqual(reply, { ok: false, error: { status: 500, message: 'clients failed' } });
    assert.ok(!JSON.stringify(log.lines).includes('deadbeef'), 'the stray value is not logged either');
    registration.dispose();
  });

  test('events are pushed to the window while it exists, and not after dispose', async () => {
    const contents = new FakeWebContents();
    const forwarding = forwardControlEvents(t.core.control, () => contents);
    t.pendingRequest('Another task', [{ connection: 'mail', access: 'read' }]);
    assert.deepEqual(contents.sent.at(-1), { channel: EVENT_CHANNEL, payload: { type: 'requests' } });
    contents.destroyed = true;
    const whileDestroyed = contents.sent.length;
    t.core.control.kill();
    assert.equal(contents.sent.length, whileDestroyed, 'nothing is sent to a destroyed window');
    contents.destroyed = false;
    const count = contents.sent.length;
    forwarding.dispose();
    t.core.control.rearm();
    assert.equal(contents.sent.length, count, 'unsubscribed');
  });
});
