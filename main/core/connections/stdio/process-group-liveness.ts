/** Whether any process of a process group still runs, so a kill can wait until the whole group is really gone. */
import { readdir, readFile } from 'node:fs/promises';

/** True while some member of group `pgid` runs. Zombies (dead, waiting for a parent that never reaps) do not count. */
export async function groupIsAlive(pgid: number): Promise<boolean> {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    // ESRCH: no process left. EPERM: a member we may not signal, so something still runs.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // Linux: kill(0) also succeeds for zombies, which an init that never reaps keeps forever; ask /proc.
  return process.platform === 'linux' ? linuxGroupHasLiveMember(pgid) : true;
}

/** Resolves true once group `pgid` is gone, or false when `timeoutMs` passed first. Polls every `intervalMs`. */
export async function waitForGroupGone(pgid: number, timeoutMs: number, intervalMs = 10): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!(await groupIsAlive(pgid))) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

async function linuxGroupHasLiveMember(pgid: number): Promise<boolean> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return true; // no /proc to ask: trust kill(0)
  }
  for (const entry of entries) {
    if (entry.charCodeAt(0) < 48 || entry.charCodeAt(0) > 57) continue;
    let stat: string;
    try {
      stat = await readFile(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // "pid (comm) state ppid pgrp …" — comm may contain spaces and parentheses, so parse after the last ')'.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') return true;
  }
  return false;
}
