/** One shared one-second clock for every countdown: a single timer, aligned to whole seconds. */

/** Timer functions (injected so tests can drive time). */
export interface TickerTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** A subscribable "now", refreshed once a second while anyone listens. */
export interface Ticker {
  /** The time of the last tick (stable between ticks, as useSyncExternalStore needs). */
  now(): number;
  subscribe(listener: () => void): () => void;
  /** Re-reads the clock at once (e.g. when the window becomes visible after sleep). */
  tick(): void;
  /** Stops the timer and drops every listener. */
  dispose(): void;
}

/** Creates a ticker; its timer runs only while it has listeners. */
export function createTicker(timers: TickerTimers): Ticker {
  const listeners = new Set<() => void>();
  let current = timers.now();
  let handle: unknown;

  const schedule = (): void => {
    // Fire just after the next whole second, so every countdown changes in the same frame.
    handle = timers.setTimeout(tick, 1000 - (timers.now() % 1000) + 5);
  };
  function tick(): void {
    if (handle !== undefined) timers.clearTimeout(handle);
    handle = undefined;
    // INVARIANT: remaining time is always computed from the clock now, never by counting ticks.
    current = timers.now();
    for (const listener of listeners) listener();
    if (listeners.size > 0) schedule();
  }

  return {
    now: () => current,
    subscribe(listener) {
      listeners.add(listener);
      // A newcomer must not start from a tick up to a second old: re-read the clock for everyone.
      if (handle === undefined || timers.now() !== current) tick();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && handle !== undefined) {
          timers.clearTimeout(handle);
          handle = undefined;
        }
      };
    },
    tick,
    dispose() {
      listeners.clear();
      if (handle !== undefined) timers.clearTimeout(handle);
      handle = undefined;
    },
  };
}
