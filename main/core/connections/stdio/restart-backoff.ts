/** Restart policy for a crashing downstream server: exponential backoff, reset once it stayed up. Pure. */

export interface RestartPolicy {
  /** Delay before the first restart. */
  initialDelayMs: number;
  /** Cap of the doubling delay; a failed server keeps retrying at this pace. */
  maxDelayMs: number;
  /** A run at least this long counts as healthy and resets the backoff. */
  stableAfterMs: number;
  /** This many short runs in a row mark the server `failed`. */
  failAfterQuickCrashes: number;
}

/** 0.5 s doubling up to 30 s; 10 s up resets; 5 quick crashes in a row is `failed`. */
export const defaultRestartPolicy: Readonly<RestartPolicy> = Object.freeze({
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  stableAfterMs: 10_000,
  failAfterQuickCrashes: 5,
});

export interface BackoffState {
  /** Restarts since the last healthy run (drives the doubling). */
  attempt: number;
  /** Consecutive runs shorter than `stableAfterMs`. */
  quickCrashes: number;
}

export const initialBackoff: Readonly<BackoffState> = Object.freeze({ attempt: 0, quickCrashes: 0 });

export interface RestartDecision {
  state: BackoffState;
  delayMs: number;
  /** True once the server crashed quickly too often: report `failed`, but keep retrying at the cap. */
  failed: boolean;
}

/** What to do after a run of `uptimeMs` ended. */
export function nextRestart(previous: BackoffState, uptimeMs: number, policy: RestartPolicy): RestartDecision {
  const healthy = uptimeMs >= policy.stableAfterMs;
  const attempt = healthy ? 0 : previous.attempt;
  const quickCrashes = healthy ? 0 : previous.quickCrashes + 1;
  const failed = quickCrashes >= policy.failAfterQuickCrashes;
  const doubled = policy.initialDelayMs * 2 ** Math.min(attempt, 30);
  const delayMs = failed ? policy.maxDelayMs : Math.min(doubled, policy.maxDelayMs);
  return { state: { attempt: attempt + 1, quickCrashes }, delayMs, failed };
}
