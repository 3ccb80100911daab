/** Spawns a downstream server as the leader of its own process group, and kills the whole group. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { PassThrough } from 'node:stream';
import type { Readable, Writable } from 'node:stream';
import { getDefaultEnvironment } from '@modelcontextprotocol/client/stdio';
import { waitForGroupGone } from './process-group-liveness.ts';
import { createTailBuffer } from './stderr-tail.ts';

export interface SpawnGroupOptions {
  command: string;
  args: readonly string[];
  /** Added to the minimal inherited environment; values are secrets to this module (never logged, redacted from stderr). */
  env: Readonly<Record<string, string>>;
  cwd?: string;
  /** How long `kill()` waits for the group to exit after SIGTERM before SIGKILL. Default 2,000 ms. */
  killGraceMs?: number;
  /** Characters of stderr kept for status details. Default 4,096. */
  stderrLimitChars?: number;
}

/** How the group leader ended. `error` is set when it could not be started at all. */
export interface GroupExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The leader died of a signal that `kill()` had sent (rather than crashing or being killed by someone else). */
  killedByUs: boolean;
  error?: Error;
}

/** A running child process that leads its own process group. */
export interface ProcessGroup {
  /** Undefined when the spawn failed. */
  readonly pid: number | undefined;
  readonly stdin: Writable;
  readonly stdout: Readable;
  /** Resolves once when the leader exited (or failed to start). Never rejects. */
  readonly exited: Promise<GroupExit>;
  /** The last lines of stderr, with the configured env values redacted. */
  stderrTail(): string;
  /** SIGTERM to the whole group, SIGKILL to what is left after the grace period; resolves when the group is gone. */
  kill(): Promise<GroupExit>;
}

/** Starts `command args` without a shell, in a new process group, with a minimal safe environment. */
export function spawnProcessGroup(options: SpawnGroupOptions): ProcessGroup {
  const stderr = createTailBuffer(options.stderrLimitChars ?? 4096, Object.values(options.env));
  let child: ChildProcessWithoutNullStreams;
  try {
    child = spawn(options.command, [...options.args], {
      // SECURITY: only a minimal set of the gateway's variables is inherited (no tokens from our own environment).
      env: { ...getDefaultEnvironment(), ...options.env },
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      shell: false,
      // INVARIANT: the child leads its own process group, so kill() reaches grandchildren (npx, sh -c…).
      detached: true,
      windowsHide: true,
    });
  } catch (error) {
    // Most spawn failures arrive as an 'error' event; the rest throw. Both end up as an `exited` with `error`.
    return unstarted(error instanceof Error ? error : new Error(String(error)));
  }
  const sent = new Set<NodeJS.Signals>();
  const exited = new Promise<GroupExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal, killedByUs: signal !== null && sent.has(signal) }));
    child.once('error', (error) => {
      // 'error' without a pid means the spawn itself failed; later errors (kill failures) are not exits.
      if (child.pid === undefined) resolve({ code: null, signal: null, killedByUs: false, error });
    });
  });
  const signalGroup = (pgid: number, signal: NodeJS.Signals): void => {
    sent.add(signal);
    try {
      process.kill(-pgid, signal);
    } catch {
      // ESRCH: nothing left to signal. Anything else must not stop a dispose; the leader's exit is still awaited.
    }
  };
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => stderr.append(text));
  // A dead child makes writes fail with EPIPE; the transport reports errors, these keep them from crashing the core.
  child.stdin.on('error', () => {});
  child.stdout.on('error', () => {});
  child.stderr.on('error', () => {});

  const graceMs = options.killGraceMs ?? 2000;
  let killing: Promise<GroupExit> | undefined;
  const kill = (): Promise<GroupExit> => {
    killing ??= (async () => {
      const pid = child.pid;
      if (pid === undefined) return exited;
      if (process.platform === 'win32') return killWindowsTree(pid, exited);
      signalGroup(pid, 'SIGTERM');
      if (!(await waitForGroupGone(pid, graceMs))) {
        // INVARIANT: members that ignore SIGTERM or outlive the grace (grandchildren included) get SIGKILL.
        signalGroup(pid, 'SIGKILL');
        await waitForGroupGone(pid, 5000); // bounded: a process stuck in the kernel must not hang a dispose
      }
      const exit = await exited;
      child.stdout.destroy();
      child.stderr.destroy();
      child.stdin.destroy();
      return exit;
    })();
    return killing;
  };

  return { pid: child.pid, stdin: child.stdin, stdout: child.stdout, exited, stderrTail: () => stderr.read(), kill };
}

/** A group whose process never started. */
function unstarted(error: Error): ProcessGroup {
  const exited = Promise.resolve<GroupExit>({ code: null, signal: null, killedByUs: false, error });
  return { pid: undefined, stdin: new PassThrough(), stdout: new PassThrough(), exited, stderrTail: () => '', kill: () => exited };
}

/** Windows has no process groups to signal: `taskkill /T /F` ends the process tree. Untested here. */
async function killWindowsTree(pid: number, exited: Promise<GroupExit>): Promise<GroupExit> {
  await new Promise<void>((resolve) => {
    const killer = spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    killer.once('exit', () => resolve());
    killer.once('error', () => resolve());
  });
  return exited;
}
