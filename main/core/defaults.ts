/** The real clock, ids and log used outside tests. */
import { randomBytes } from 'node:crypto';
import type { Clock, Ids, Log } from './model.ts';

/** Wall-clock time. */
export const systemClock: Clock = { now: () => Date.now() };

/** Random, unguessable ids and tokens from the OS CSPRNG. */
export const randomIds: Ids = {
  id: (prefix) => `${prefix}_${randomBytes(12).toString('base64url')}`,
  token: () => randomBytes(32).toString('base64url'),
};

/** A line-per-event logger to a stream (stderr by default). Callers never pass secrets. */
export function streamLog(write: (line: string) => void = (l) => process.stderr.write(l)): Log {
  const line = (level: string, msg: string, fields?: Record<string, unknown>) =>
    write(`${new Date().toISOString()} ${level} ${msg}${fields && Object.keys(fields).length ? ` ${JSON.stringify(fields)}` : ''}\n`);
  return {
    info: (m, f) => line('info', m, f),
    warn: (m, f) => line('warn', m, f),
    error: (m, f) => line('error', m, f),
  };
}

/** A logger that drops everything (tests, benchmarks). */
export const silentLog: Log = { info() {}, warn() {}, error() {} };
