/** Human-readable status details for a stdio server run. Never contains env values or arguments. */
import type { GroupExit } from './spawn-process-group.ts';

/** Why a run ended: could not start, could not initialize (and we stopped it), or how the process exited. */
export function describeExit(exit: GroupExit, initError: string | undefined): string {
  if (exit.error) return `could not start (${exit.error.message})`;
  if (initError && exit.killedByUs) return `could not initialize (${initError})`;
  if (exit.signal) return `${exit.killedByUs ? 'was stopped with' : 'was killed by'} ${exit.signal}`;
  return `exited with code ${exit.code ?? 'unknown'}`;
}

/** A duration for people: "850 ms", "2.5 s", "30 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  return `${seconds < 10 ? Math.round(seconds * 10) / 10 : Math.round(seconds)} s`;
}

/** The last non-empty lines of a stderr tail, at most `maxChars`, for a one-glance status detail. */
export function stderrSummary(tail: string, maxChars = 500): string | undefined {
  const lines = tail.split(/\r?\n/).map((l) => l.trimEnd()).filter((l) => l.length > 0);
  let out = '';
  for (let i = lines.length - 1; i >= 0; i--) {
    const next = out ? `${lines[i]} | ${out}` : `${lines[i]}`;
    if (next.length > maxChars) return out || next.slice(-maxChars);
    out = next;
  }
  return out || undefined;
}

/** Shortens untrusted text (error messages from the server) for logs and details. */
export function clip(text: string, maxChars = 300): string {
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}
