// Desktop settings: shortcut validation, defaults, broken files left alone, atomic owner-only writes; login items.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_KILL_SHORTCUT, isKillAccelerator, readDesktopSettings, writeDesktopSettings } from '../../../main/electron/desktop-settings.ts';
import { applyLaunchAtLogin, autostartEntry, autostartFile, HIDDEN_FLAG } from '../../../main/electron/login-item.ts';
import { registerKillShortcut } from '../../../main/electron/kill-shortcut.ts';
import { FakeApp, FakeGlobalShortcut, memoryLog } from './fake-electron.ts';

let dir: string;
before(async () => { dir = await mkdtemp(join(tmpdir(), 'hallpass-settings-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

test('kill shortcuts need a real modifier and one key', () => {
  for (const ok of [DEFAULT_KILL_SHORTCUT, 'CommandOrControl+Shift+K', 'Alt+F12', 'Super+Escape', 'Ctrl+Alt+Delete', 'CmdOrCtrl+Shift+.']) assert.equal(isKillAccelerator(ok), true, ok);
  for (const bad of ['K', 'Shift+K', 'Ctrl+', 'Ctrl+Ctrl+K', 'Hyper+K', 'Ctrl+KK', 'Ctrl+k', '', 'Ctrl+Shift']) assert.equal(isKillAccelerator(bad), false, bad);
});

test('a missing file means defaults: the default shortcut, launch at login off', () => {
  assert.deepEqual(readDesktopSettings(join(dir, 'none.json')), { settings: { killShortcut: DEFAULT_KILL_SHORTCUT, launchAtLogin: false } });
});

test('broken files give defaults and a clear problem, and are not rewritten', async () => {
  const file = join(dir, 'broken.json');
  await writeFile(file, '{ "killShortcut": "K" ');
  const notJson = readDesktopSettings(file);
  assert.match(notJson.problem ?? '', /not valid JSON/);
  assert.equal(notJson.settings.killShortcut, DEFAULT_KILL_SHORTCUT);
  await writeFile(file, JSON.stringify({ killShortcut: 'K', extra: 1 }));
  const invalid = readDesktopSettings(file);
  assert.match(invalid.problem ?? '', /not a usable shortcut/);
  assert.match(invalid.problem ?? '', /extra/);
  assert.equal(await readFile(file, 'utf8'), JSON.stringify({ killShortcut: 'K', extra: 1 }));
});

test('written settings read back; the file is owner-only; null turns the shortcut off', async () => {
  const file = join(dir, 'desktop.json');
  writeDesktopSettings(file, { killShortcut: null, launchAtLogin: true });
  assert.deepEqual(readDesktopSettings(file), { settings: { killShortcut: null, launchAtLogin: true } });
  if (process.platform !== 'win32') assert.equal((await stat(file)).mode & 0o777, 0o600);
  assert.throws(() => writeDesktopSettings(file, { killShortcut: 'K', launchAtLogin: true }));
  assert.deepEqual(readDesktopSettings(file).settings, { killShortcut: null, launchAtLogin: true }, 'an invalid write leaves the file as it was');
});

test('the Linux autostart entry starts Hallpass hidden, with the path quoted per the desktop entry spec', () => {
  const entry = autostartEntry('/home/a b/Hallpass "x" $HOME.AppImage');
  assert.match(entry, /^\[Desktop Entry\]\nType=Application\nName=Hallpass\n/);
  assert.ok(entry.includes(`Exec="/home/a b/Hallpass \\"x\\" \\$HOME.AppImage" ${HIDDEN_FLAG}\n`), entry);
  assert.equal(autostartFile({ XDG_CONFIG_HOME: '/cfg' }, '/home/a'), '/cfg/autostart/hallpass.desktop');
  assert.equal(autostartFile({}, '/home/a'), '/home/a/.config/autostart/hallpass.desktop');
});

test('launch at login: an autostart file on Linux, Electron login items elsewhere', () => {
  const app = new FakeApp();
  const file = join(dir, 'autostart', 'hallpass.desktop');
  applyLaunchAtLogin({ app, platform: 'linux', enabled: true, executable: '/opt/Hallpass/hallpass', autostartFile: file });
  assert.ok(existsSync(file));
  applyLaunchAtLogin({ app, platform: 'linux', enabled: false, executable: '/opt/Hallpass/hallpass', autostartFile: file });
  assert.ok(!existsSync(file));
  assert.deepEqual(app.loginItems, []);
  applyLaunchAtLogin({ app, platform: 'darwin', enabled: true, executable: '/Applications/Hallpass.app', autostartFile: file });
  applyLaunchAtLogin({ app, platform: 'win32', enabled: false, executable: 'C:\\Hallpass.exe', autostartFile: file });
  assert.deepEqual(app.loginItems, [{ openAtLogin: true, args: [HIDDEN_FLAG] }, { openAtLogin: false, args: [HIDDEN_FLAG] }]);
});

test('the kill shortcut registers, fires, unregisters; a taken or disabled one is reported', () => {
  const globalShortcut = new FakeGlobalShortcut();
  const log = memoryLog();
  let kills = 0;
  const shortcut = registerKillShortcut({ globalShortcut, accelerator: DEFAULT_KILL_SHORTCUT, onKill: () => { kills += 1; }, log });
  assert.equal(shortcut.registered, true);
  globalShortcut.press(DEFAULT_KILL_SHORTCUT);
  assert.equal(kills, 1);
  shortcut.dispose();
  assert.equal(shortcut.registered, false);
  assert.equal(globalShortcut.registered.size, 0);

  globalShortcut.heldElsewhere.add(DEFAULT_KILL_SHORTCUT);
  const taken = registerKillShortcut({ globalShortcut, accelerator: DEFAULT_KILL_SHORTCUT, onKill: () => {}, log });
  assert.equal(taken.registered, false);
  assert.match(log.lines.at(-1)?.msg ?? '', /kill-switch shortcut unavailable/);
  taken.dispose();
  assert.equal(registerKillShortcut({ globalShortcut, accelerator: null, onKill: () => {}, log }).registered, false);
});
