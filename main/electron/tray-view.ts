/** Thin adapter from the tray model to Electron's Tray and Menu; creation failure means "no tray". */
import type { MenuItemConstructorOptions } from 'electron';
import { assertNever } from '../core/model.ts';
import type { Log } from '../core/model.ts';
import type { TrayAction, TrayMenuItem, TrayModel, TrayState } from './tray-model.ts';

/** The part of Electron's Tray used here. */
export interface TrayLike {
  setImage(image: string): void;
  setToolTip(toolTip: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

/** Creates trays and menus (Electron's `new Tray(icon)` and `Menu.buildFromTemplate`). */
export interface TraySurface {
  createTray(icon: string): TrayLike;
  buildMenu(template: MenuItemConstructorOptions[]): unknown;
}

export interface TrayView {
  /** Shows the model; does nothing when it equals the one already shown. */
  render(model: TrayModel): void;
  dispose(): void;
}

/** Electron menu template for a model; clicks call `onAction`. */
export function menuTemplate(items: readonly TrayMenuItem[], onAction: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'heading': return { label: item.label, enabled: false };
      case 'separator': return { type: 'separator' };
      case 'item': return {
        label: item.label,
        click: () => onAction(item.action),
        // Shown for reference only: the global shortcut is registered separately (kill-shortcut.ts).
        ...(item.accelerator ? { accelerator: item.accelerator, registerAccelerator: false } : {}),
      };
      case 'check': return { label: item.label, type: 'checkbox', checked: item.checked, click: () => onAction(item.action) };
      default: return assertNever(item);
    }
  });
}

/** Creates the tray icon, or returns undefined when the platform cannot (the caller opens the window instead). */
export function createTrayView(deps: {
  surface: TraySurface;
  icons: Record<TrayState, string>;
  onAction(action: TrayAction): void;
  log: Log;
}): TrayView | undefined {
  let tray: TrayLike;
  try {
    tray = deps.surface.createTray(deps.icons.idle);
  } catch (error) {
    deps.log.warn('no tray available; the window stays the way in', { error: String(error) });
    return undefined;
  }
  let shown = '';
  tray.on('click', () => deps.onAction({ type: 'open' }));
  return {
    render(model) {
      const key = JSON.stringify(model);
      if (key === shown) return;
      shown = key;
      tray.setImage(deps.icons[model.state]);
      tray.setToolTip(model.tooltip);
      // On Linux a menu only updates when set again, so the whole menu is rebuilt on every change.
      tray.setContextMenu(deps.surface.buildMenu(menuTemplate(model.items, deps.onAction)));
    },
    dispose() {
      tray.destroy();
    },
  };
}
