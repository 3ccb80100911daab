/** Timers that fire only when a test says so, to step restart backoff deterministically. */
import type { Timers } from '../../main/core/connections/timers.ts';

export interface ManualTimers extends Timers {
  /** Delays of the callbacks scheduled and not yet fired or cancelled, oldest first. */
  pending(): number[];
  /** Every delay ever scheduled, oldest first. */
  history(): number[];
  /** Runs the oldest pending callback; throws if none. */
  fireNext(): void;
}

/** Creates manual timers. */
export function manualTimers(): ManualTimers {
  const queue: { delayMs: number; callback: () => void }[] = [];
  const all: number[] = [];
  return {
    schedule(delayMs, callback) {
      const entry = { delayMs, callback };
      queue.push(entry);
      all.push(delayMs);
      return () => {
        const index = queue.indexOf(entry);
        if (index >= 0) queue.splice(index, 1);
      };
    },
    pending: () => queue.map((e) => e.delayMs),
    history: () => [...all],
    fireNext() {
      const entry = queue.shift();
      if (!entry) throw new Error('no pending timer');
      entry.callback();
    },
  };
}
