/** Injectable one-shot timers, so restart backoff can be stepped deterministically in tests. */

/** Schedules callbacks; `schedule` returns a function that cancels the callback if it has not run. */
export interface Timers {
  schedule(delayMs: number, callback: () => void): () => void;
}

/** Timers backed by the runtime's setTimeout. */
export const systemTimers: Timers = Object.freeze({
  schedule(delayMs: number, callback: () => void): () => void {
    const handle = setTimeout(callback, delayMs);
    return () => clearTimeout(handle);
  },
});
