/** Injectable, abortable waiting (Retry-After, polling), so tests never wait for real. */
import { setTimeout as delay } from 'node:timers/promises';

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/** Sleep on the runtime's timers. */
export const systemSleep: Sleep = async (ms, signal) => {
  await delay(ms, undefined, { signal });
};
