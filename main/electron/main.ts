/** Electron's main process: one instance, the core with its MCP endpoint, then the shell around it. */
import { app, BrowserWindow, dialog, globalShortcut, ipcMain, Menu, Notification, session, shell, Tray } from 'electron';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { appPaths, appRootFromModule } from './app-paths.ts';
import { autostartFile, HIDDEN_FLAG } from './login-item.ts';
import { desktopSettingsFile } from './desktop-settings.ts';
import { rendererLocation } from './renderer-location.ts';
import { startShell } from './shell.ts';
import type { Shell } from './shell.ts';
import { trayHostAvailable } from './tray-host.ts';
import { windowOptions } from './window-policy.ts';
import { resolveDataDir } from '../core/paths/data-dir.ts';
import { streamLog, systemClock } from '../core/defaults.ts';
import { startServe } from '../core/serve/start-serve.ts';
import type { RunningServe } from '../core/serve/start-serve.ts';

/** The MCP endpoint's port (DESIGN §4); HALLPASS_PORT overrides it (tests, a second data dir). */
const DEFAULT_PORT = 4255;

app.setName('Hallpass');
// One Electron profile (and single-instance lock) per data dir: an explicit HALLPASS_HOME is a separate Hallpass.
if (process.env.HALLPASS_HOME) app.setPath('userData', join(process.env.HALLPASS_HOME, 'electron'));
const log = streamLog();

async function run(): Promise<void> {
  await app.whenReady();
  const paths = appPaths({ root: appRootFromModule(import.meta.url), packaged: app.isPackaged, resourcesPath: process.resourcesPath });
  const dataDir = resolveDataDir();
  const port = Number(process.env.HALLPASS_PORT ?? DEFAULT_PORT);
  let serve: RunningServe;
  try {
    // startServe = createCore + the agents' MCP endpoint, the local socket and the instance file the CLI finds.
    serve = await startServe({ dataDir, port, log, uiRoot: paths.rendererDir });
  } catch (error) {
    dialog.showErrorBox('Hallpass could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
    return;
  }
  const location = rendererLocation({ packaged: app.isPackaged, indexHtml: paths.indexHtml, devUrl: process.env.HALLPASS_DEV_RENDERER_URL });
  const shellInstance: Shell = startShell({
    control: serve.core.control,
    clock: systemClock,
    timers: { setInterval: (callback, ms) => setInterval(callback, ms), clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout) },
    log,
    surface: {
      app,
      ipcMain,
      globalShortcut,
      session: session.defaultSession,
      createWindow: () => new BrowserWindow(windowOptions({ preload: paths.preload, icon: paths.windowIcon, devTools: !app.isPackaged })),
      openExternal: (url) => shell.openExternal(url),
      tray: { createTray: (icon) => new Tray(icon), buildMenu: (template) => Menu.buildFromTemplate(template) },
      notifications: { isSupported: () => Notification.isSupported(), create: (options) => new Notification(options) },
    },
    config: {
      location,
      trayIcons: paths.trayIcons,
      settingsFile: desktopSettingsFile(dataDir),
      startHidden: process.argv.includes(HIDDEN_FLAG),
      trayHostAvailable: await trayHostAvailable(process.platform),
      manageLoginItem: app.isPackaged,
      platform: process.platform,
      executable: process.env.APPIMAGE ?? process.execPath,
      autostartFile: autostartFile(process.env, homedir()),
    },
  });
  log.info('hallpass desktop ready', { port: serve.port, tray: shellInstance.hasTray });

  let stopped = false;
  app.on('before-quit', () => shellInstance.window.allowClose());
  app.on('will-quit', (event) => {
    if (stopped) return;
    // Finish cleanly before exiting: sessions and audit are flushed, the instance file removed.
    event.preventDefault();
    stopped = true;
    shellInstance.dispose();
    serve.close()
      .catch((error: unknown) => log.error('shutdown failed', { error: String(error) }))
      .finally(() => app.quit());
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());
}

// Single instance: a second launch only brings the first one's window forward (shell.ts listens for it).
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  run().catch((error: unknown) => {
    log.error('hallpass desktop failed to start', { error: error instanceof Error ? error.stack ?? error.message : String(error) });
    app.exit(1);
  });
}
