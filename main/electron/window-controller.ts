/** The one app window: created on demand, guarded, shown and focused; hidden instead of closed while a tray exists. */
import type { Disposable, Log } from '../core/model.ts';
import type { EventTargetLike } from './ipc.ts';
import { rendererUrl } from './renderer-location.ts';
import type { RendererLocation } from './renderer-location.ts';
import { guardWebContents } from './web-contents-guard.ts';
import type { GuardedContentsLike } from './web-contents-guard.ts';

/** The part of Electron's BrowserWindow used here. */
export interface BrowserWindowLike {
  readonly webContents: GuardedContentsLike & EventTargetLike;
  loadURL(url: string): Promise<void>;
  show(): void;
  hide(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  destroy(): void;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
}

export interface WindowController extends Disposable {
  /** Creates the window if needed, then shows and focuses it. */
  show(): void;
  /** Where events are pushed, while the window exists. */
  contents(): EventTargetLike | undefined;
  /** From now on a close really closes (the app is quitting). */
  allowClose(): void;
}

export function createWindowController(deps: {
  /** `new BrowserWindow(windowOptions(...))`. */
  createWindow(): BrowserWindowLike;
  location: RendererLocation;
  openExternal(url: string): Promise<void>;
  /** True while closing should only hide the window (a tray keeps the app reachable). */
  hideOnClose(): boolean;
  log: Log;
}): WindowController {
  let win: BrowserWindowLike | undefined;
  let guard: Disposable | undefined;
  let quitting = false;

  function create(): BrowserWindowLike {
    const created = deps.createWindow();
    guard = guardWebContents(created.webContents, { location: deps.location, openExternal: deps.openExternal, log: deps.log });
    created.once('ready-to-show', () => { created.show(); created.focus(); });
    created.on('close', (event) => {
      if (!quitting && deps.hideOnClose()) {
        event.preventDefault();
        created.hide();
      }
    });
    created.on('closed', () => {
      guard?.dispose();
      guard = undefined;
      if (win === created) win = undefined;
    });
    created.loadURL(rendererUrl(deps.location)).catch((error: unknown) => deps.log.error('could not load the renderer', { error: String(error) }));
    return created;
  }

  return {
    show() {
      if (!win || win.isDestroyed()) {
        win = create();
        return;
      }
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    },
    contents() {
      return win && !win.isDestroyed() ? win.webContents : undefined;
    },
    allowClose() {
      quitting = true;
    },
    dispose() {
      quitting = true;
      guard?.dispose();
      guard = undefined;
      if (win && !win.isDestroyed()) win.destroy();
      win = undefined;
    },
  };
}
