/** The desktop shell around a running core: window, IPC, tray, notifications, kill shortcut, login item. */
import type { Control } from '../core/control/control-types.ts';
import { assertNever } from '../core/model.ts';
import type { Clock, Disposable, Log } from '../core/model.ts';
import { readDesktopSettings, writeDesktopSettings } from './desktop-settings.ts';
import type { DesktopSettings } from './desktop-settings.ts';
import { forwardControlEvents, registerControlIpc } from './ipc.ts';
import type { IpcMainLike } from './ipc.ts';
import { registerKillShortcut } from './kill-shortcut.ts';
import type { GlobalShortcutLike } from './kill-shortcut.ts';
import { applyLaunchAtLogin } from './login-item.ts';
import type { LoginItemAppLike } from './login-item.ts';
import { decideNotices, killedNotice, NOTHING_ANNOUNCED } from './notification-decisions.ts';
import { createNotifier } from './notifier.ts';
import type { NotificationSurface } from './notifier.ts';
import { isTrustedSender } from './renderer-location.ts';
import type { RendererLocation } from './renderer-location.ts';
import { startShellMonitor } from './shell-monitor.ts';
import type { Timers } from './shell-monitor.ts';
import { trayMenuModel } from './tray-model.ts';
import type { TrayAction, TrayState } from './tray-model.ts';
import { createTrayView } from './tray-view.ts';
import type { TraySurface } from './tray-view.ts';
import { guardSession } from './web-contents-guard.ts';
import type { GuardedSessionLike } from './web-contents-guard.ts';
import { createWindowController } from './window-controller.ts';
import type { BrowserWindowLike, WindowController } from './window-controller.ts';

type AppEvent = 'second-instance' | 'activate';

/** The part of Electron's app used here. */
export interface ShellAppLike extends LoginItemAppLike {
  on(event: AppEvent, listener: () => void): unknown;
  removeListener(event: AppEvent, listener: () => void): unknown;
  quit(): void;
}

/** Every Electron object the shell touches, injected (tests pass fakes, main.ts passes Electron's). */
export interface ShellSurface {
  app: ShellAppLike;
  ipcMain: IpcMainLike;
  globalShortcut: GlobalShortcutLike;
  session: GuardedSessionLike;
  createWindow(): BrowserWindowLike;
  openExternal(url: string): Promise<void>;
  tray: TraySurface;
  notifications: NotificationSurface;
}

export interface ShellConfig {
  location: RendererLocation;
  trayIcons: Record<TrayState, string>;
  settingsFile: string;
  /** Started at login: stay in the tray. */
  startHidden: boolean;
  /** False where no tray can show (Linux without a StatusNotifier host): the window opens and closing it quits. */
  trayHostAvailable: boolean;
  /** Register login items with the OS (packaged builds only; a dev build would register the bare Electron binary). */
  manageLoginItem: boolean;
  platform: NodeJS.Platform;
  executable: string;
  autostartFile: string;
}

export interface Shell extends Disposable {
  window: WindowController;
  /** True when a tray icon exists. */
  hasTray: boolean;
}

/** Starts the shell; everything it registers is released by dispose(). */
export function startShell(deps: { surface: ShellSurface; config: ShellConfig; control: Control; clock: Clock; timers: Timers; log: Log }): Shell {
  const { surface, config, control, log } = deps;
  const disposables: Disposable[] = [];
  const read = readDesktopSettings(config.settingsFile);
  if (read.problem) log.warn('desktop settings: using defaults', { problem: read.problem });
  let settings: DesktopSettings = read.settings;

  disposables.push(guardSession(surface.session, config.location));
  let hasTray = false;
  const window = createWindowController({
    createWindow: surface.createWindow, location: config.location, openExternal: surface.openExternal, hideOnClose: () => hasTray, log,
  });
  disposables.push(window);
  disposables.push(registerControlIpc({ ipcMain: surface.ipcMain, control, isTrustedSender: (frame) => isTrustedSender(config.location, frame), log }));
  disposables.push(forwardControlEvents(control, () => window.contents()));

  const notifier = createNotifier({ surface: surface.notifications, onClick: () => window.show(), log });
  disposables.push(notifier);

  const kill = (): void => {
    try {
      notifier.show(killedNotice(control.kill()));
    } catch (error) {
      log.error('kill switch failed', { error: error instanceof Error ? error.message : String(error) });
    }
  };

  const applyLoginItem = (): void => {
    if (!config.manageLoginItem) return;
    try {
      applyLaunchAtLogin({ app: surface.app, platform: config.platform, enabled: settings.launchAtLogin, executable: config.executable, autostartFile: config.autostartFile });
    } catch (error) {
      log.warn('could not update launch at login', { error: String(error) });
    }
  };

  const toggleLaunchAtLogin = (): void => {
    if (read.problem) {
      log.warn('desktop settings file is invalid; fix or delete it before changing settings', { problem: read.problem });
      return;
    }
    const next = { ...settings, launchAtLogin: !settings.launchAtLogin };
    try {
      writeDesktopSettings(config.settingsFile, next);
    } catch (error) {
      log.error('could not save desktop settings', { error: String(error) });
      return;
    }
    settings = next;
    applyLoginItem();
    monitor.refresh();
  };

  const onAction = (action: TrayAction): void => {
    switch (action.type) {
      case 'open': window.show(); return;
      case 'kill': kill(); return;
      case 'toggle-launch-at-login': toggleLaunchAtLogin(); return;
      case 'quit': surface.app.quit(); return;
      default: assertNever(action);
    }
  };

  const tray = config.trayHostAvailable ? createTrayView({ surface: surface.tray, icons: config.trayIcons, onAction, log }) : undefined;
  hasTray = tray !== undefined;
  if (tray) disposables.push(tray);

  let announced = NOTHING_ANNOUNCED;
  const monitor = startShellMonitor({
    control, clock: deps.clock, timers: deps.timers, log,
    onSnapshot: (snap) => {
      tray?.render(trayMenuModel({ ...snap, launchAtLogin: settings.launchAtLogin, killShortcut: settings.killShortcut }));
      const decided = decideNotices(announced, snap.requests, snap.sessions, snap.now);
      announced = decided.announced;
      for (const notice of decided.notices) notifier.show(notice);
    },
  });
  disposables.push(monitor);
  disposables.push(registerKillShortcut({ globalShortcut: surface.globalShortcut, accelerator: settings.killShortcut, onKill: kill, log }));

  const showWindow = (): void => window.show();
  surface.app.on('second-instance', showWindow);
  surface.app.on('activate', showWindow);
  disposables.push({ dispose: () => { surface.app.removeListener('second-instance', showWindow); surface.app.removeListener('activate', showWindow); } });

  applyLoginItem();
  if (!hasTray || !config.startHidden) window.show();

  return {
    window,
    hasTray,
    dispose() {
      for (const d of disposables.reverse()) void d.dispose();
      disposables.length = 0;
    },
  };
}
