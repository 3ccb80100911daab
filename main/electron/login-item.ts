/** Launch at login (opt-in): Electron's login items on macOS and Windows, an XDG autostart entry on Linux. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Passed when started at login: start in the tray without opening the window. */
export const HIDDEN_FLAG = '--hidden';

/** The part of Electron's app used here. */
export interface LoginItemAppLike {
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

/** Quotes one argument for a desktop entry's Exec key (freedesktop Desktop Entry spec). */
function quoteExecArg(arg: string): string {
  return `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

/** The XDG autostart entry that starts Hallpass hidden at login. */
export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Hallpass',
    'Comment=Approve and time-box what AI agents may do',
    `Exec=${quoteExecArg(executable)} ${HIDDEN_FLAG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Where the Linux autostart entry lives. */
export function autostartFile(env: NodeJS.ProcessEnv, home: string): string {
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'autostart', 'hallpass.desktop');
}

/** Turns launch at login on or off for this platform. */
export function applyLaunchAtLogin(deps: {
  app: LoginItemAppLike;
  platform: NodeJS.Platform;
  enabled: boolean;
  /** The program to start (on Linux, $APPIMAGE when running as an AppImage). */
  executable: string;
  autostartFile: string;
}): void {
  if (deps.platform !== 'linux') {
    deps.app.setLoginItemSettings({ openAtLogin: deps.enabled, args: [HIDDEN_FLAG] });
    return;
  }
  if (deps.enabled) {
    mkdirSync(join(deps.autostartFile, '..'), { recursive: true });
    writeFileSync(deps.autostartFile, autostartEntry(deps.executable), { mode: 0o644 });
  } else {
    rmSync(deps.autostartFile, { force: true });
  }
}
