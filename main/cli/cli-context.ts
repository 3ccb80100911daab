/** What every command receives: environment, data dir, output, clock and ids (injected, no globals). */
import { randomIds, systemClock } from '../core/defaults.ts';
import type { Clock, Ids } from '../core/model.ts';
import { resolveDataDir } from '../core/paths/data-dir.ts';

export interface CliContext {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  /** Writes to stdout as-is. */
  out(text: string): void;
  /** Writes to stderr as-is. */
  err(text: string): void;
  clock: Clock;
  ids: Ids;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
}

/** The context of a real process. */
export function systemContext(env: NodeJS.ProcessEnv = process.env): CliContext {
  return {
    env,
    dataDir: resolveDataDir(env),
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    clock: systemClock,
    ids: randomIds,
    stdin: process.stdin,
    stdout: process.stdout,
  };
}
