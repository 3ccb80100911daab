// The whole shell around a real core with Electron's surface faked: tray, notifications, kill, window, and no leaks.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { startShell } from '../../../main/electron/shell.ts';
import type { ShellConfig } from '../../../main/electron/shell.ts';
import { rendererLocation } from '../../../main/electron/renderer-location.ts';
import { DEFAULT_KILL_SHORTCUT } from '../../../main/electron/desktop-settings.ts';
import { fakeSurface, ManualTimers, memoryLog } from './fake-electron.ts';
import { startTestCore } from './real-core.ts';
import type { TestCore } from './real-core.ts';

const icons = { idle: '/i/idle.png', active: '/i/active.png', pending: '/i/pending.png', locked: '/i/locked.png' };

function config(t: TestCore, over: Partial<ShellConfig> = {}): ShellConfig {
  return {
    location: rendererLocation({ packaged: true, indexHtml: '/app/dist/renderer/index.html' }),
    trayIcons: icons,
    settingsFile: join(t.dataDir, 'desktop.json'),
    startHidden: false,
    trayHostAvailable: true,
    manageLoginItem: true,
    platform: 'linux',
    executable: '/opt/Hallpass/hallpass',
    autostartFile: join(t.dataDir, 'autostart', 'hallpass.desktop'),
    ...over,
  };
}

describe('the shell', () => {
  let t: TestCore;
  beforeEach(async () => { t = await startTestCore(); });
  afterEach(async () => { await t.dispose(); });

  function start(over: Partial<ShellConfig> = {}, surfaceOptions: Parameters<typeof fakeSurface>[0] = {}) {
    const fake = fakeSurface(surfaceOptions);
    const timers = new ManualTimers();
    const log = memoryLog();
    const shell = startShell({ surface: fake.surface, config: config(t, over), control: t.core.control, clock: { now: t.now }, timers, log });
    return { ...fake, timers, log, shell };
  }

  test('a request turns the tray to pending, notifies once, and the click opens the window', () => {
    const s = start({ startHidden: true });
    const tray = s.trays[0]!;
    assert.equal(s.windows.length, 0, 'started hidden in the tray');
    assert.equal(tray.image, icons.idle);

    t.pendingRequest('Triage the inbox', [{ connection: 'mail', access: 'read' }]);
    assert.equal(tray.image, icons.pending, 'the event updates the tray at once');
    assert.ok(tray.menu.some((i) => i.label === 'agent-1: Triage the inbox'));
    assert.deepEqual(s.notifications.map((n) => n.title), ['agent-1 asks for access']);
    s.timers.tick();
    assert.equal(s.notifications.length, 1, 'not again on the next tick');

    s.notifications[0]!.emit('click');
    assert.equal(s.windows.length, 1);
    const win = s.windows[0]!;
    assert.deepEqual(win.loaded, ['file:///app/dist/renderer/index.html']);
    win.emit('ready-to-show');
    assert.equal(win.visible, true);
    s.shell.dispose();
  });

  test('sessions count down in the tray and warn a minute before the end', () => {
    const s = start();
    const { requestId } = t.pendingRequest();
    t.core.control.approve(requestId, { ttlSeconds: 600 });
    const tray = s.trays[0]!;
    assert.equal(tray.image, icons.active);
    assert.ok(tray.menu.some((i) => i.label === 'agent-1: Summarise the open issues · 10 min left'), JSON.stringify(tray.menu.map((i) => i.label)));
    t.advance(9 * 60_000 - 1_000);
    s.timers.tick();
    assert.ok(tray.menu.some((i) => String(i.label).endsWith('· 2 min left')));
    assert.equal(s.notifications.filter((n) => n.title.startsWith('Session ends')).length, 0);
    t.advance(1_000);
    s.timers.tick();
    s.timers.tick();
    assert.deepEqual(s.notifications.filter((n) => n.title.startsWith('Session ends')).map((n) => n.title), ['Session ends in 1 minute']);
    t.advance(60_000);
    s.timers.tick();
    assert.equal(tray.image, icons.idle, 'expired by the clock, without any event');
    s.shell.dispose();
  });

  test('the kill switch from the tray and from the global shortcut locks everything down', () => {
    const s = start();
    const { requestId } = t.pendingRequest();
    t.core.control.approve(requestId, { ttlSeconds: 600 });
    s.trays[0]!.clickItem('Kill switch — end every session now');
    assert.equal(t.core.control.status().lockedDown, true);
    assert.equal(t.core.control.sessions()[0]?.state, 'revoked');
    assert.equal(s.trays[0]!.image, icons.locked);
    assert.match(s.notifications.at(-1)?.body ?? '', /^1 session\(s\) revoked/);

    t.core.control.rearm();
    assert.equal(s.trays[0]!.image, icons.idle);
    s.globalShortcut.press(DEFAULT_KILL_SHORTCUT);
    assert.equal(t.core.control.status().lockedDown, true, 'the shortcut is the same kill switch');
    s.shell.dispose();
  });

  test('closing the window hides it while a tray exists; second launches and tray clicks bring it back', () => {
    const s = start();
    const win = s.windows[0]!;
    win.emit('ready-to-show');
    win.close();
    assert.equal(win.destroyed, false);
    assert.equal(win.visible, false);
    s.app.emit('second-instance');
    assert.equal(win.visible, true);
    win.hide();
    s.trays[0]!.emit('click');
    assert.equal(win.visible, true);
    assert.equal(s.windows.length, 1, 'always the one window');
    s.shell.window.allowClose();
    win.close();
    assert.equal(win.destroyed, true, 'quitting really closes');
    s.shell.dispose();
  });

  test('without a tray the window opens even when started hidden, and closing it really closes', () => {
    const s = start({ startHidden: true, trayHostAvailable: false });
    assert.equal(s.trays.length, 0);
    assert.equal(s.shell.hasTray, false);
    assert.equal(s.windows.length, 1);
    s.windows[0]!.close();
    assert.equal(s.windows[0]!.destroyed, true);
    s.shell.dispose();
  });

  test('a tray that cannot be created falls back to the window', () => {
    const s = start({ startHidden: true }, { trayFails: true });
    assert.equal(s.shell.hasTray, false);
    assert.equal(s.windows.length, 1);
    s.shell.dispose();
  });

  test('launch at login is off by default and toggled from the tray into settings and the OS', () => {
    const s = start();
    const file = join(t.dataDir, 'autostart', 'hallpass.desktop');
    assert.throws(() => readFileSync(file), /ENOENT/);
    s.trays[0]!.clickItem('Launch at login');
    assert.match(readFileSync(file, 'utf8'), /Exec="\/opt\/Hallpass\/hallpass" --hidden/);
    assert.deepEqual(JSON.parse(readFileSync(join(t.dataDir, 'desktop.json'), 'utf8')), { killShortcut: DEFAULT_KILL_SHORTCUT, launchAtLogin: true });
    assert.equal(s.trays[0]!.menu.find((i) => i.label === 'Launch at login')?.checked, true);
    s.shell.dispose();
  });

  test('dispose releases everything: handlers, listeners, timers, shortcut, tray, window, notifications', () => {
    const s = start();
    t.pendingRequest();
    const win = s.windows[0]!;
    assert.equal(s.ipcMain.handlers.size, 19);
    s.shell.dispose();
    assert.equal(s.ipcMain.handlers.size, 0);
    assert.equal(s.timers.active, 0);
    assert.equal(s.globalShortcut.registered.size, 0);
    assert.equal(s.trays[0]!.destroyed, true);
    assert.equal(win.destroyed, true);
    assert.ok(s.notifications.every((n) => n.closed));
    assert.equal(s.app.listenerCount('second-instance') + s.app.listenerCount('activate'), 0);
    assert.deepEqual([s.session.headersListener, s.session.requestHandler, s.session.checkHandler], [null, null, null]);
    const notes = s.notifications.length;
    t.pendingRequest('After the end', [{ connection: 'x', access: 'write' }]);
    assert.equal(s.notifications.length, notes, 'the core no longer reaches the shell');
  });
});
