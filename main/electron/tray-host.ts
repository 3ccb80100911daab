/** Whether a tray icon can show: always on macOS and Windows; on Linux only with a StatusNotifier host on D-Bus. */
import { execFile } from 'node:child_process';

/** The D-Bus name a StatusNotifier host (the tray of KDE, GNOME's AppIndicator extension, waybar…) owns. */
export const STATUS_NOTIFIER_WATCHER = 'org.kde.StatusNotifierWatcher';

/** Reads `dbus-send --print-reply` output of NameHasOwner. */
export function parseNameHasOwner(stdout: string): boolean {
  return /\bboolean true\b/.test(stdout);
}

/** Runs a command and gives its stdout (injected in tests). */
export type RunCommand = (command: string, args: string[]) => Promise<string>;

/** Node's execFile with a short timeout. */
export const runCommand: RunCommand = (command, args) => new Promise((resolve, reject) => {
  execFile(command, args, { timeout: 2_000, windowsHide: true }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
});

/**
 * True when a tray icon will be visible. Electron cannot tell (it falls back silently), so on Linux this asks
 * the session bus. Any doubt counts as "no tray": the window then opens, so Hallpass is never invisible.
 */
export async function trayHostAvailable(platform: NodeJS.Platform, run: RunCommand = runCommand): Promise<boolean> {
  if (platform !== 'linux') return true;
  try {
    const out = await run('dbus-send', [
      '--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus',
      'org.freedesktop.DBus.NameHasOwner', `string:${STATUS_NOTIFIER_WATCHER}`,
    ]);
    return parseNameHasOwner(out);
  } catch {
    return false;
  }
}
