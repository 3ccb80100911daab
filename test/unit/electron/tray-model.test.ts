// Tray: state from requests, sessions and lockdown at a given time; the menu the person sees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clip, formatRemaining, MENU_LIST_LIMIT, trayMenuModel, trayState } from '../../../main/electron/tray-model.ts';
import type { TrayMenuItem } from '../../../main/electron/tray-model.ts';
import type { RequestView, SessionView, StatusView } from '../../../main/core/control/schemas.ts';

const NOW = 1_800_000_000_000;
const status: StatusView = { lockedDown: false, version: '0.1.0', maxTtlSeconds: 28_800, approvalWaitSeconds: 25 };
const locked: StatusView = { ...status, lockedDown: true };

function request(id: string, over: Partial<RequestView> = {}): RequestView {
  return {
    id, clientId: 'cli_1', clientName: 'Cursor', task: `task ${id}`, grants: [{ connection: 'files', access: 'read' }],
    createdAt: NOW - 5_000, lapsesAt: NOW + 60_000, state: 'pending', maxTtlSeconds: 28_800, ...over,
  };
}
function session(id: string, over: Partial<SessionView> = {}): SessionView {
  return {
    id, clientId: 'cli_1', clientName: 'Claude', task: `work ${id}`, grants: [{ connection: 'files', access: 'write' }],
    createdAt: NOW - 60_000, expiresAt: NOW + 10 * 60_000, state: 'active', calls: 3, ...over,
  };
}
const labels = (items: TrayMenuItem[]) => items.map((i) => (i.kind === 'separator' ? '---' : i.label));

test('trayState: idle, active, pending, locked — in that order of precedence', () => {
  assert.equal(trayState([], [], status, NOW), 'idle');
  assert.equal(trayState([], [session('s1')], status, NOW), 'active');
  assert.equal(trayState([request('r1')], [session('s1')], status, NOW), 'pending');
  assert.equal(trayState([request('r1')], [session('s1')], locked, NOW), 'locked');
  assert.equal(trayState([], [], locked, NOW), 'locked');
});

test('trayState trusts the clock over stale states: past expiresAt or lapsesAt counts as gone', () => {
  assert.equal(trayState([], [session('s1', { expiresAt: NOW })], status, NOW), 'idle');
  assert.equal(trayState([], [session('s1', { expiresAt: NOW + 1 })], status, NOW), 'active');
  assert.equal(trayState([request('r1', { lapsesAt: NOW })], [], status, NOW), 'idle');
  assert.equal(trayState([request('r1', { state: 'approved' })], [], status, NOW), 'idle');
  assert.equal(trayState([], [session('s1', { state: 'revoked' })], status, NOW), 'idle');
});

test('formatRemaining rounds up to whole minutes and says when under one', () => {
  assert.equal(formatRemaining(10 * 60_000), '10 min left');
  assert.equal(formatRemaining(9 * 60_000 + 1), '10 min left');
  assert.equal(formatRemaining(60_000), '1 min left');
  assert.equal(formatRemaining(59_999), 'under 1 min left');
});

test('clip flattens whitespace and shortens with an ellipsis', () => {
  assert.equal(clip('a\n  b'), 'a b');
  assert.equal(clip('x'.repeat(60), 10), `${'x'.repeat(9)}…`);
  assert.equal(clip('x'.repeat(10), 10), 'x'.repeat(10));
});

test('the idle menu: kill switch, open, launch at login, quit', () => {
  const model = trayMenuModel({ requests: [], sessions: [], status, now: NOW, launchAtLogin: false, killShortcut: 'CommandOrControl+Alt+Shift+K' });
  assert.equal(model.state, 'idle');
  assert.equal(model.tooltip, 'Hallpass — no active sessions');
  assert.deepEqual(labels(model.items), ['Kill switch — end every session now', '---', 'Open Hallpass', 'Launch at login', '---', 'Quit Hallpass']);
  assert.deepEqual(model.items[0], { kind: 'item', label: 'Kill switch — end every session now', action: { type: 'kill' }, accelerator: 'CommandOrControl+Alt+Shift+K' });
  assert.deepEqual(model.items[3], { kind: 'check', label: 'Launch at login', checked: false, action: { type: 'toggle-launch-at-login' } });
});

test('pending approvals and active sessions are listed, sessions with their time left, soonest first', () => {
  const model = trayMenuModel({
    requests: [request('r2', { createdAt: NOW - 1_000, clientName: 'VS Code', task: 'Refactor' }), request('r1', { task: 'Read docs' })],
    sessions: [session('late', { expiresAt: NOW + 30 * 60_000, task: 'Long' }), session('soon', { expiresAt: NOW + 90_000, task: 'Short' })],
    status, now: NOW, launchAtLogin: true,
  });
  assert.equal(model.state, 'pending');
  assert.equal(model.tooltip, 'Hallpass — 2 approvals waiting');
  assert.deepEqual(labels(model.items).slice(0, 8), [
    'Waiting for approval (2)', 'Cursor: Read docs', 'VS Code: Refactor', '---',
    'Active sessions (2)', 'Claude: Short · 2 min left', 'Claude: Long · 30 min left', '---',
  ]);
  // Approving only happens in the window: every listed entry opens it.
  for (const item of model.items.slice(0, 8)) if (item.kind === 'item') assert.deepEqual(item.action, { type: 'open' });
  assert.deepEqual(model.items.find((i) => i.kind === 'check'), { kind: 'check', label: 'Launch at login', checked: true, action: { type: 'toggle-launch-at-login' } });
});

test(`long lists stop at ${MENU_LIST_LIMIT} entries with "…and N more"`, () => {
  const requests = Array.from({ length: 8 }, (_, i) => request(`r${i}`, { createdAt: NOW - 10_000 + i }));
  const model = trayMenuModel({ requests, sessions: [], status, now: NOW, launchAtLogin: false });
  const shown = labels(model.items);
  assert.equal(shown[0], 'Waiting for approval (8)');
  assert.deepEqual(shown.slice(1, 7), ['Cursor: task r0', 'Cursor: task r1', 'Cursor: task r2', 'Cursor: task r3', 'Cursor: task r4', '…and 3 more']);
});

test('locked down: no kill item, a way to re-arm in the window instead', () => {
  const model = trayMenuModel({ requests: [], sessions: [], status: locked, now: NOW, launchAtLogin: false, killShortcut: 'CommandOrControl+Alt+Shift+K' });
  assert.equal(model.state, 'locked');
  assert.match(model.tooltip, /locked down/);
  assert.ok(!model.items.some((i) => i.kind === 'item' && i.action.type === 'kill'));
  assert.deepEqual(model.items[0], { kind: 'item', label: 'Locked down — open Hallpass to re-arm', action: { type: 'open' } });
});
