/** A hand-driven clock and timer queue, so tests move time instead of waiting for it. */
import type { TickerTimers } from '../../../../renderer/stores/ticker.ts';

/** Timers plus controls to move time. */
export interface ManualTimers extends TickerTimers {
  /** Moves the clock forward, firing every timer that falls due (in order). */
  advance(ms: number): void;
  /** Jumps the clock without firing anything (like a laptop waking from sleep). */
  jump(ms: number): void;
  pending(): number;
}

/** Creates manual timers starting at `start`. */
export function manualTimers(start: number): ManualTimers {
  let now = start;
  let next = 1;
  const queue = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = next++;
      queue.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (handle) => void queue.delete(handle as number),
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...queue.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        queue.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
      }
      now = end;
    },
    jump: (ms) => void (now += ms),
    pending: () => queue.size,
  };
}
