/** Output helpers shared by the commands: JSON, aligned tables, times. */
import type { CliContext } from './cli-context.ts';

/** Prints a value as pretty JSON. */
export function printJson(ctx: CliContext, value: unknown): void {
  ctx.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints rows as an aligned table with a header, or `empty` when there are none. */
export function printTable(ctx: CliContext, header: readonly string[], rows: readonly (readonly string[])[], empty: string): void {
  if (rows.length === 0) {
    ctx.out(`${empty}\n`);
    return;
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  ctx.out(`${[line(header), ...rows.map(line)].join('\n')}\n`);
}

/** An epoch-ms time as `YYYY-MM-DD HH:MM:SS` in UTC. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

/** A duration from now, e.g. `in 14m`, `3h ago`. */
export function formatRelative(ms: number, now: number): string {
  const s = Math.round((ms - now) / 1000);
  const abs = Math.abs(s);
  const text = abs < 60 ? `${abs}s` : abs < 3600 ? `${Math.floor(abs / 60)}m` : abs < 86_400 ? `${Math.floor(abs / 3600)}h` : `${Math.floor(abs / 86_400)}d`;
  return s >= 0 ? `in ${text}` : `${text} ago`;
}

/** Quotes a command-line word for display when it needs it. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
