/** The desktop shell's own settings (<data dir>/desktop.json): kill-switch shortcut and launch at login. */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const MODIFIERS = ['Command', 'Cmd', 'Control', 'Ctrl', 'CommandOrControl', 'CmdOrCtrl', 'Alt', 'Option', 'AltGr', 'Shift', 'Super', 'Meta'];
const KEYS = /^(?:[A-Z0-9]|F(?:[1-9]|1[0-9]|2[0-4])|Space|Tab|Backspace|Delete|Insert|Return|Enter|Up|Down|Left|Right|Home|End|PageUp|PageDown|Escape|Esc|Plus|[-=[\];',./\\`])$/;

/** True for an Electron accelerator with at least one modifier other than Shift (a bare key would hijack typing). */
export function isKillAccelerator(value: string): boolean {
  const parts = value.split('+');
  const key = parts.pop() ?? '';
  if (!KEYS.test(key) || parts.length === 0 || new Set(parts).size !== parts.length) return false;
  return parts.every((p) => MODIFIERS.includes(p)) && parts.some((p) => p !== 'Shift');
}

/**
 * Default kill-switch shortcut. Not Ctrl+Shift+K: editors (VS Code's "delete line") use it, and a global
 * shortcut would turn every such keystroke into a kill.
 */
export const DEFAULT_KILL_SHORTCUT = 'CommandOrControl+Alt+Shift+K';

export const desktopSettingsSchema = z.strictObject({
  /** null turns the global shortcut off. */
  killShortcut: z.string().max(64).refine(isKillAccelerator, 'not a usable shortcut: use modifiers (not only Shift) plus one key, e.g. CommandOrControl+Alt+Shift+K').nullable().default(DEFAULT_KILL_SHORTCUT),
  /** Opt-in: off unless the person turns it on. */
  launchAtLogin: z.boolean().default(false),
});
export type DesktopSettings = z.infer<typeof desktopSettingsSchema>;

/** The settings file's path. */
export function desktopSettingsFile(dataDir: string): string {
  return join(dataDir, 'desktop.json');
}

/** Reads the settings; a missing file means defaults, a broken one means defaults plus a problem (and no writes). */
export function readDesktopSettings(file: string): { settings: DesktopSettings; problem?: string } {
  const defaults = desktopSettingsSchema.parse({});
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: defaults };
    return { settings: defaults, problem: `cannot read ${file}: ${(error as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { settings: defaults, problem: `${file} is not valid JSON; using defaults until it is fixed` };
  }
  const parsed = desktopSettingsSchema.safeParse(json);
  if (!parsed.success) return { settings: defaults, problem: `${file}: ${z.prettifyError(parsed.error)}` };
  return { settings: parsed.data };
}

/** Writes the settings atomically (temp file, then rename), readable by the owner only. */
export function writeDesktopSettings(file: string, settings: DesktopSettings): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(desktopSettingsSchema.parse(settings), null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}
