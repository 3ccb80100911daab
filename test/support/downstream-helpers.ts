/** Helpers for downstream-connection tests: process liveness, process groups, waiting on a connection. */
import { readdirSync, readFileSync } from 'node:fs';
import type { Connection } from '../../main/core/connections/connection-types.ts';
import type { Clock, Log } from '../../main/core/model.ts';

/** True while `pid` runs. A zombie (exited, not yet reaped by an init that never reaps) counts as gone. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (process.platform !== 'linux') return true;
  try {
    // /proc/<pid>/stat: "pid (comm) S …" — the state letter follows the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Live (non-zombie) pids whose process group is `pgid`. Linux only (reads /proc). */
export function liveGroupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(group) === pgid && state !== 'Z') members.push(Number(entry));
  }
  return members;
}

/** Resolves once `predicate()` holds, polling every 20 ms; rejects with `what` after `timeoutMs`. */
export async function waitUntil(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resolves when the connection's onChange fires with `predicate` true (checked at once too). */
export function waitForConnection<C extends Connection>(connection: C, predicate: (c: C) => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  if (predicate(connection)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out waiting for ${what}; status ${connection.status()}: ${connection.statusDetail() ?? ''}`));
    }, timeoutMs);
    const subscription = connection.onChange(() => {
      if (!predicate(connection)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
}

/** The first text block of a tool result. */
export function firstText(result: { content?: unknown }): string {
  const content = result.content as { type: string; text?: string }[] | undefined;
  const block = content?.find((c) => c.type === 'text');
  if (!block?.text) throw new Error(`no text content in ${JSON.stringify(result)}`);
  return block.text;
}

/** A log that records every line, for assertions (tests check that no secret was logged). */
export function recordingLog(): Log & { lines: { level: string; msg: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
  return {
    lines,
    info: (msg, fields) => void lines.push({ level: 'info', msg, fields }),
    warn: (msg, fields) => void lines.push({ level: 'warn', msg, fields }),
    error: (msg, fields) => void lines.push({ level: 'error', msg, fields }),
  };
}

/** The real clock. */
export const systemClock: Clock = { now: () => Date.now() };
