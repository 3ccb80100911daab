/** Fixed-format time texts for countdowns, waits and durations. */

const pad = (n: number): string => String(n).padStart(2, '0');

/** Whole seconds as mm:ss, or h:mm:ss from an hour up. */
export function clockText(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}

/** Time left until `expiresAt` as a countdown: rounds up, so 00:00 shows only once it has ended. */
export function remainingText(expiresAt: number, now: number): string {
  return clockText(Math.ceil((expiresAt - now) / 1000));
}

/** Time since `since`, rounding down. */
export function elapsedText(since: number, now: number): string {
  return clockText((now - since) / 1000);
}

/** Where a session stands: running, in its last minute, or over. */
export type SessionPhase = 'running' | 'last-minute' | 'ended';

/** The phase of a session at `now`. */
export function sessionPhase(expiresAt: number, now: number): SessionPhase {
  if (now >= expiresAt) return 'ended';
  return expiresAt - now <= 60_000 ? 'last-minute' : 'running';
}

/** Minutes as a short label: "15 min", "60 min", "2 h", "2 h 30 min". */
export function minutesLabel(minutes: number): string {
  if (minutes < 120) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
