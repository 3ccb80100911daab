/** Where the desktop app finds its parts, in a checkout (dist/ built) and when packaged (app.asar + resources). */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TrayState } from './tray-model.ts';

export interface AppPaths {
  /** The app root: the checkout, or resources/app.asar when packaged. */
  root: string;
  preload: string;
  indexHtml: string;
  rendererDir: string;
  trayIcons: Record<TrayState, string>;
  windowIcon: string;
}

/** The app root from the compiled main module's URL (dist/electron/main/electron/main.js → four levels up). */
export function appRootFromModule(moduleUrl: string): string {
  return join(dirname(fileURLToPath(moduleUrl)), '..', '..', '..', '..');
}

/** Every path the shell needs. Icons live outside the asar when packaged (electron-builder extraResources). */
export function appPaths(opts: { root: string; packaged: boolean; resourcesPath: string }): AppPaths {
  const iconDir = opts.packaged ? opts.resourcesPath : join(opts.root, 'build');
  const tray = (state: TrayState) => join(iconDir, 'tray', `${state}.png`);
  const rendererDir = join(opts.root, 'dist', 'renderer');
  return {
    root: opts.root,
    preload: join(opts.root, 'dist', 'electron', 'preload.cjs'),
    indexHtml: join(rendererDir, 'index.html'),
    rendererDir,
    trayIcons: { idle: tray('idle'), active: tray('active'), pending: tray('pending'), locked: tray('locked') },
    windowIcon: join(iconDir, 'icon.png'),
  };
}
