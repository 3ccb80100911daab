/** Keeps the tray and notifications in step with the core: on every relevant event and on a slow tick. */
import type { Control } from '../core/control/control-types.ts';
import type { Clock, Disposable, Log } from '../core/model.ts';
import type { RequestView, SessionView, StatusView } from '../core/control/schemas.ts';

/** Injected interval timer (Node's setInterval/clearInterval in the app, a manual one in tests). */
export interface Timers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** What the shell shows is computed from this. */
export interface ShellSnapshot {
  requests: RequestView[];
  sessions: SessionView[];
  status: StatusView;
  now: number;
}

/** The tick: remaining minutes in the tray and the one-minute warning need time to pass, not just events. */
export const MONITOR_TICK_MS = 5_000;

/** Calls `onSnapshot` now, on each requests/sessions/status event, and every tick; returns refresh + dispose. */
export function startShellMonitor(deps: {
  control: Control;
  clock: Clock;
  timers: Timers;
  tickMs?: number;
  onSnapshot(snapshot: ShellSnapshot): void;
  log: Log;
}): Disposable & { refresh(): void } {
  const refresh = (): void => {
    try {
      const { control } = deps;
      deps.onSnapshot({ requests: control.requests(), sessions: control.sessions(), status: control.status(), now: deps.clock.now() });
    } catch (error) {
      deps.log.error('shell: could not refresh the tray and notifications', { error: error instanceof Error ? error.message : String(error) });
    }
  };
  const unsubscribe = deps.control.onEvent((event) => {
    if (event.type === 'requests' || event.type === 'sessions' || event.type === 'status') refresh();
  });
  const handle = deps.timers.setInterval(refresh, deps.tickMs ?? MONITOR_TICK_MS);
  refresh();
  return {
    refresh,
    dispose() {
      unsubscribe();
      deps.timers.clearInterval(handle);
    },
  };
}
