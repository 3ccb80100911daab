// Stand-ins for the Electron objects the shell touches, with the same listener bookkeeping (EventEmitter),
// so the shell's logic runs in plain Node and tests can check that nothing is left registered.
import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';
import type { Log } from '../../../main/core/model.ts';
import type { InvokeEventLike } from '../../../main/electron/ipc.ts';
import type { ShellSurface } from '../../../main/electron/shell.ts';
import type { Timers } from '../../../main/electron/shell-monitor.ts';

export class FakeIpcMain {
  readonly handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void {
    // Electron throws on a second handler for one channel; so does the fake.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke would get, from a frame at `url` (parent null = top frame). */
  async invoke(channel: string, frame: { url: string; parent: unknown } | null, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: frame }, ...args);
  }
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  readonly sent: { channel: string; payload: unknown }[] = [];
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, payload: unknown): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, payload });
  }
  /** Fires will-navigate like Chromium; returns whether the navigation was prevented. */
  navigate(url: string): boolean {
    let prevented = false;
    this.emit('will-navigate', { url, preventDefault: () => { prevented = true; } }, url);
    return prevented;
  }
}

export class FakeWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  loaded: string[] = [];
  visible = false;
  focused = 0;
  minimized = false;
  destroyed = false;
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
  }
  show(): void { this.visible = true; }
  hide(): void { this.visible = false; }
  focus(): void { this.focused += 1; }
  restore(): void { this.minimized = false; }
  isMinimized(): boolean { return this.minimized; }
  isDestroyed(): boolean { return this.destroyed; }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.visible = false;
    this.emit('closed');
    this.removeAllListeners();
  }
  /** The person clicks the close button: 'close' may be prevented, else the window goes. */
  close(): void {
    let prevented = false;
    this.emit('close', { preventDefault: () => { prevented = true; } });
    if (!prevented) this.destroy();
  }
}

type HeadersListener = (details: { responseHeaders?: Record<string, string[]> }, callback: (r: { responseHeaders?: Record<string, string[]> }) => void) => void;

export class FakeSession {
  headersListener: HeadersListener | null = null;
  requestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void) | null = null;
  checkHandler: ((contents: unknown, permission: string, origin: string, details: { requestingUrl?: string }) => boolean) | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener | null): void => { this.headersListener = listener; },
  };
  setPermissionRequestHandler(handler: FakeSession['requestHandler']): void { this.requestHandler = handler; }
  setPermissionCheckHandler(handler: FakeSession['checkHandler']): void { this.checkHandler = handler; }
  /** The headers Chromium would apply to a response that had `headers`. */
  respond(headers: Record<string, string[]>): Record<string, string[]> | undefined {
    let out: Record<string, string[]> | undefined;
    this.headersListener?.({ responseHeaders: headers }, (r) => { out = r.responseHeaders; });
    return out;
  }
}

export class FakeTray extends EventEmitter {
  image: string;
  tooltip = '';
  menu: MenuItemConstructorOptions[] = [];
  menuSets = 0;
  destroyed = false;
  constructor(image: string) {
    super();
    this.image = image;
  }
  setImage(image: string): void { this.image = image; }
  setToolTip(tooltip: string): void { this.tooltip = tooltip; }
  setContextMenu(menu: unknown): void {
    this.menu = menu as MenuItemConstructorOptions[];
    this.menuSets += 1;
  }
  destroy(): void {
    this.destroyed = true;
    this.removeAllListeners();
  }
  /** Clicks the menu item with this label. */
  clickItem(label: string): void {
    const item = this.menu.find((i) => i.label === label);
    if (!item?.click) throw new Error(`no clickable menu item "${label}"; have ${this.menu.map((i) => i.label).join(' | ')}`);
    (item.click as () => void)();
  }
}

export class FakeNotification extends EventEmitter {
  shown = false;
  closed = false;
  readonly title: string;
  readonly body: string;
  constructor(options: { title: string; body: string }) {
    super();
    this.title = options.title;
    this.body = options.body;
  }
  show(): void { this.shown = true; }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
  }
}

export class FakeGlobalShortcut {
  readonly registered = new Map<string, () => void>();
  /** Accelerators another application holds. */
  readonly heldElsewhere = new Set<string>();
  register(accelerator: string, callback: () => void): boolean {
    if (this.heldElsewhere.has(accelerator) || this.registered.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  }
  unregister(accelerator: string): void { this.registered.delete(accelerator); }
  press(accelerator: string): void {
    const callback = this.registered.get(accelerator);
    if (!callback) throw new Error(`${accelerator} is not registered`);
    callback();
  }
}

export class FakeApp extends EventEmitter {
  loginItems: { openAtLogin: boolean; args?: string[] }[] = [];
  quits = 0;
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void { this.loginItems.push(settings); }
  quit(): void { this.quits += 1; }
}

/** Interval timers run by hand. */
export class ManualTimers implements Timers {
  readonly #live = new Map<number, () => void>();
  #next = 1;
  setInterval(callback: () => void, _ms: number): unknown {
    const id = this.#next++;
    this.#live.set(id, callback);
    return id;
  }
  clearInterval(handle: unknown): void { this.#live.delete(handle as number); }
  get active(): number { return this.#live.size; }
  tick(): void { for (const callback of this.#live.values()) callback(); }
}

/** A log that keeps what it was told. */
export function memoryLog(): Log & { lines: { level: string; msg: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => { lines.push({ level, msg, ...(fields ? { fields } : {}) }); };
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

/** A whole fake Electron surface plus handles to inspect it. */
export function fakeSurface(opts: { trayFails?: boolean; notificationsSupported?: boolean } = {}) {
  const app = new FakeApp();
  const ipcMain = new FakeIpcMain();
  const globalShortcut = new FakeGlobalShortcut();
  const session = new FakeSession();
  const windows: FakeWindow[] = [];
  const trays: FakeTray[] = [];
  const notifications: FakeNotification[] = [];
  const opened: string[] = [];
  const surface: ShellSurface = {
    app, ipcMain, globalShortcut, session,
    createWindow: () => { const w = new FakeWindow(); windows.push(w); return w; },
    openExternal: async (url) => { opened.push(url); },
    tray: {
      createTray: (icon) => {
        if (opts.trayFails) throw new Error('tray unsupported');
        const t = new FakeTray(icon);
        trays.push(t);
        return t;
      },
      buildMenu: (template) => template,
    },
    notifications: {
      isSupported: () => opts.notificationsSupported ?? true,
      create: (options) => { const n = new FakeNotification(options); notifications.push(n); return n; },
    },
  };
  return { surface, app, ipcMain, globalShortcut, session, windows, trays, notifications, opened };
}
