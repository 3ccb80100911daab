/** Which native notifications to show: one per new request, one a minute before a session ends, one after a kill. */
import type { RequestView, SessionView } from '../core/control/schemas.ts';
import { activeSessions, clip, pendingRequests } from './tray-model.ts';

/** How long before expiry the "ending soon" notice goes out. */
export const EXPIRY_WARNING_MS = 60_000;

/** A notification to show. Clicking any of them opens the window (where the prompt and sessions are). */
export type ShellNotice =
  | { kind: 'request'; requestId: string; title: string; body: string }
  | { kind: 'expiring'; sessionId: string; title: string; body: string }
  | { kind: 'killed'; title: string; body: string };

/** Ids already announced; only ids still listed are kept, so it stays bounded. */
export interface Announced {
  requests: ReadonlySet<string>;
  sessions: ReadonlySet<string>;
}

export const NOTHING_ANNOUNCED: Announced = { requests: new Set(), sessions: new Set() };

function requestNotice(r: RequestView): ShellNotice {
  const asked = r.grants.map((g) => `${g.connection} (${g.access})`).join(', ');
  const trigger = r.trigger ? `\nTriggered by ${r.trigger.tool}` : '';
  return { kind: 'request', requestId: r.id, title: `${r.clientName} asks for access`, body: `${clip(r.task, 120)}\n${clip(asked, 120)}${trigger}` };
}

function expiringNotice(s: SessionView, now: number): ShellNotice {
  const seconds = Math.max(1, Math.round((s.expiresAt - now) / 1000));
  const left = seconds >= 55 ? '1 minute' : `${seconds} seconds`;
  return { kind: 'expiring', sessionId: s.id, title: `Session ends in ${left}`, body: `${s.clientName}: ${clip(s.task, 120)}\nMore time needs a new approval.` };
}

/** New notices for this moment, and the updated record of what was announced. Pure. */
export function decideNotices(
  announced: Announced, requests: readonly RequestView[], sessions: readonly SessionView[], now: number,
): { notices: ShellNotice[]; announced: Announced } {
  const notices: ShellNotice[] = [];
  const pending = pendingRequests(requests, now);
  for (const r of pending) if (!announced.requests.has(r.id)) notices.push(requestNotice(r));
  const active = activeSessions(sessions, now);
  for (const s of active) {
    const inLastMinute = s.expiresAt - now <= EXPIRY_WARNING_MS;
    // A session approved for a minute or less was short by choice: no warning for it.
    const longEnough = s.expiresAt - s.createdAt > EXPIRY_WARNING_MS;
    if (inLastMinute && longEnough && !announced.sessions.has(s.id)) notices.push(expiringNotice(s, now));
  }
  const warned = active.filter((s) => announced.sessions.has(s.id) || notices.some((n) => n.kind === 'expiring' && n.sessionId === s.id));
  return {
    notices,
    announced: { requests: new Set(pending.map((r) => r.id)), sessions: new Set(warned.map((s) => s.id)) },
  };
}

/** The confirmation after the kill switch fired (from the shortcut or the tray, where no window shows the result). */
export function killedNotice(result: { revokedSessions: number; abortedCalls: number; deniedRequests: number }): ShellNotice {
  return {
    kind: 'killed',
    title: 'Kill switch: everything stopped',
    body: `${result.revokedSessions} session(s) revoked, ${result.abortedCalls} call(s) aborted, ${result.deniedRequests} request(s) denied. Hallpass is locked down until you re-arm it.`,
  };
}
