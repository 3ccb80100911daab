// The tray adapter: model → Electron menu template, clicks → actions, no tray → undefined, unchanged models not re-set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTrayView, menuTemplate } from '../../../main/electron/tray-view.ts';
import { trayMenuModel } from '../../../main/electron/tray-model.ts';
import type { TrayAction } from '../../../main/electron/tray-model.ts';
import { FakeTray, memoryLog } from './fake-electron.ts';

const icons = { idle: '/i/idle.png', active: '/i/active.png', pending: '/i/pending.png', locked: '/i/locked.png' };
const status = { lockedDown: false, version: '0.1.0', maxTtlSeconds: 3600, approvalWaitSeconds: 25 };

test('menu template: headings disabled, separators, checkboxes, the shortcut shown but not registered', () => {
  const actions: TrayAction[] = [];
  const template = menuTemplate([
    { kind: 'heading', label: 'Active sessions (1)' },
    { kind: 'separator' },
    { kind: 'item', label: 'Kill', action: { type: 'kill' }, accelerator: 'Alt+F12' },
    { kind: 'check', label: 'Launch at login', checked: true, action: { type: 'toggle-launch-at-login' } },
  ], (a) => actions.push(a));
  assert.deepEqual(template.map(({ click: _c, ...rest }) => rest), [
    { label: 'Active sessions (1)', enabled: false },
    { type: 'separator' },
    { label: 'Kill', accelerator: 'Alt+F12', registerAccelerator: false },
    { label: 'Launch at login', type: 'checkbox', checked: true },
  ]);
  (template[2]!.click as () => void)();
  (template[3]!.click as () => void)();
  assert.deepEqual(actions, [{ type: 'kill' }, { type: 'toggle-launch-at-login' }]);
});

test('render sets icon, tooltip and menu, and skips identical models', () => {
  const trays: FakeTray[] = [];
  const actions: TrayAction[] = [];
  const view = createTrayView({
    surface: { createTray: (icon) => { const t = new FakeTray(icon); trays.push(t); return t; }, buildMenu: (t) => t },
    icons, onAction: (a) => actions.push(a), log: memoryLog(),
  });
  assert.ok(view);
  const tray = trays[0]!;
  const now = 1_000_000;
  const idle = trayMenuModel({ requests: [], sessions: [], status, now, launchAtLogin: false });
  view.render(idle);
  view.render(trayMenuModel({ requests: [], sessions: [], status, now: now + 5_000, launchAtLogin: false }));
  assert.equal(tray.menuSets, 1, 'same menu, not rebuilt');
  view.render(trayMenuModel({ requests: [], sessions: [], status: { ...status, lockedDown: true }, now, launchAtLogin: false }));
  assert.deepEqual([tray.image, tray.tooltip, tray.menuSets], ['/i/locked.png', 'Hallpass — locked down (kill switch); open to re-arm', 2]);
  tray.emit('click');
  tray.clickItem('Quit Hallpass');
  assert.deepEqual(actions, [{ type: 'open' }, { type: 'quit' }]);
  view.dispose();
  assert.equal(tray.destroyed, true);
});

test('a platform without a tray gives undefined and a log line, not a crash', () => {
  const log = memoryLog();
  const view = createTrayView({
    surface: { createTray: () => { throw new Error('no StatusNotifier host'); }, buildMenu: (t) => t },
    icons, onAction: () => {}, log,
  });
  assert.equal(view, undefined);
  assert.match(log.lines[0]?.msg ?? '', /no tray available/);
});
