// A stand-in for the `electron` module, so the compiled main process (main.js) runs under plain Node.
// Built from the same fakes as the unit tests; it appends what happens to $ELECTRON_STAND_IN_REPORT as JSON lines.
import { appendFileSync, existsSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { FakeGlobalShortcut, FakeIpcMain, FakeNotification, FakeSession, FakeTray, FakeWindow } from '../../unit/electron/fake-electron.ts';

function report(event: string, data: Record<string, unknown> = {}): void {
  const file = process.env.ELECTRON_STAND_IN_REPORT;
  if (file) appendFileSync(file, `${JSON.stringify({ event, ...data })}\n`);
}

export const ipcMain = new FakeIpcMain();
export const globalShortcut = new FakeGlobalShortcut();
export const session = { defaultSession: new FakeSession() };
export const shell = { openExternal: async (url: string) => { report('openExternal', { url }); } };
export const dialog = { showErrorBox: (title: string, content: string) => report('errorBox', { title, content }) };
export const Menu = { buildFromTemplate: <T>(template: T): T => template };
const trays: FakeTray[] = [];

export class Tray extends FakeTray {
  constructor(image: string) {
    super(image);
    trays.push(this);
    report('tray', { image, exists: existsSync(image) });
  }
}

export class Notification extends FakeNotification {
  static isSupported(): boolean { return true; }
}

export class BrowserWindow extends FakeWindow {
  constructor(options: { webPreferences?: { preload?: string } }) {
    super();
    report('window', { options, preloadExists: existsSync(options.webPreferences?.preload ?? '') });
  }
  override async loadURL(url: string): Promise<void> {
    await super.loadURL(url);
    report('loadURL', { url, exists: url.startsWith('file:') && existsSync(fileURLToPath(url)) });
    setImmediate(() => this.emit('ready-to-show'));
  }
}

class StandInApp extends EventEmitter {
  readonly isPackaged = false;
  setName(name: string): void { report('setName', { name }); }
  setPath(name: string, path: string): void { report('setPath', { name, path }); }
  requestSingleInstanceLock(): boolean { return true; }
  whenReady(): Promise<void> { return Promise.resolve(); }
  setLoginItemSettings(settings: unknown): void { report('loginItem', { settings }); }
  /** Like Electron: before-quit, then will-quit (which may be prevented), then exit. */
  quit(): void {
    this.emit('before-quit', { preventDefault() {} });
    let prevented = false;
    this.emit('will-quit', { preventDefault: () => { prevented = true; } });
    if (!prevented) this.exit(0);
  }
  exit(code = 0): void {
    report('exit', { code, handlers: ipcMain.handlers.size, shortcuts: globalShortcut.registered.size, traysLeft: trays.filter((t) => !t.destroyed).length });
    process.exit(code);
  }
}
export const app = new StandInApp();
