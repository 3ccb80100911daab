// Shared pieces of the OAuth tests: a clock the test moves, a log that keeps every line, a fetch that counts.
import type { Clock, Log } from '../../main/core/model.ts';

/** A clock that only moves when the test says so. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
}

export function manualClock(start = Date.now()): ManualClock {
  let now = start;
  return { now: () => now, advance: (ms) => void (now += ms) };
}

/** A log that keeps every line (to check nothing secret is ever written). */
export interface CapturedLog extends Log {
  lines: { level: string; msg: string; fields?: Record<string, unknown> }[];
  text(): string;
}

export function capturedLog(): CapturedLog {
  const lines: CapturedLog['lines'] = [];
  const add = (level: string) => (msg: string, fields?: Record<string, unknown>) => void lines.push({ level, msg, ...(fields && { fields }) });
  return { lines, info: add('info'), warn: add('warn'), error: add('error'), text: () => JSON.stringify(lines) };
}

/** A fetch that records the URL of every request it makes. */
export interface CountingFetch {
  fetch: typeof fetch;
  requests: string[];
  count(pathSuffix: string): number;
}

export function countingFetch(): CountingFetch {
  const requests: string[] = [];
  return {
    requests,
    fetch: (input, init) => {
      requests.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    },
    count: (suffix) => requests.filter((url) => new URL(url).pathname.endsWith(suffix)).length,
  };
}
