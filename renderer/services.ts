/** Everything a window needs, built for one bridge: the control and audit stores and the shared ticker. */
import type { Bridge } from './bridge.ts';
import { createAuditStore } from './stores/audit-store.ts';
import type { AuditStore } from './stores/audit-store.ts';
import { createControlStore } from './stores/control-store.ts';
import type { ControlStore } from './stores/control-store.ts';
import { createTicker } from './stores/ticker.ts';
import type { Ticker, TickerTimers } from './stores/ticker.ts';

/** The stores and clock of one window. */
export interface Services {
  control: ControlStore;
  audit: AuditStore;
  ticker: Ticker;
  /** Subscribes to main's events and loads everything; returns a function that undoes it all. */
  start(): () => void;
}

/** Builds the services for a bridge; `timers` is the injected clock. */
export function createServices(bridge: Bridge, timers: TickerTimers): Services {
  const control = createControlStore(bridge);
  const audit = createAuditStore(bridge, timers.now);
  const ticker = createTicker(timers);
  return {
    control,
    audit,
    ticker,
    start() {
      const stops = [control.getState().start(), audit.getState().start()];
      return () => {
        for (const stop of stops) stop();
        ticker.dispose();
      };
    },
  };
}

/** The browser's own clock and timers. */
export function browserTimers(): TickerTimers {
  return {
    now: () => Date.now(),
    setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}
