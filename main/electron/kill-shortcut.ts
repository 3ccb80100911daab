/** The global kill-switch shortcut: registered once, unregistered on dispose. */
import type { Disposable, Log } from '../core/model.ts';

/** The part of Electron's globalShortcut used here. */
export interface GlobalShortcutLike {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

/** Registers `accelerator` (already validated by desktop-settings.ts); logs when another app holds it. */
export function registerKillShortcut(deps: {
  globalShortcut: GlobalShortcutLike;
  accelerator: string | null;
  onKill(): void;
  log: Log;
}): Disposable & { registered: boolean } {
  const { accelerator } = deps;
  if (accelerator === null) return { registered: false, dispose() {} };
  let registered = false;
  try {
    registered = deps.globalShortcut.register(accelerator, deps.onKill);
  } catch (error) {
    deps.log.warn('kill-switch shortcut rejected', { accelerator, error: String(error) });
  }
  if (!registered) deps.log.warn('kill-switch shortcut unavailable (held by another app?); the tray and window still have the kill switch', { accelerator });
  return {
    get registered() {
      return registered;
    },
    dispose() {
      if (registered) deps.globalShortcut.unregister(accelerator);
      registered = false;
    },
  };
}
