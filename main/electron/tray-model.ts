/** What the tray shows, as plain data: its state (idle / active / pending / locked) and its menu. */
import type { RequestView, SessionView, StatusView } from '../core/control/schemas.ts';

export type TrayState = 'idle' | 'active' | 'pending' | 'locked';

/** What a tray menu item does when clicked. */
export type TrayAction = { type: 'open' } | { type: 'kill' } | { type: 'toggle-launch-at-login' } | { type: 'quit' };

export type TrayMenuItem =
  | { kind: 'heading'; label: string }
  | { kind: 'item'; label: string; action: TrayAction; accelerator?: string }
  | { kind: 'check'; label: string; checked: boolean; action: TrayAction }
  | { kind: 'separator' };

export interface TrayModel {
  state: TrayState;
  tooltip: string;
  items: TrayMenuItem[];
}

export interface TrayInput {
  requests: readonly RequestView[];
  sessions: readonly SessionView[];
  status: StatusView;
  now: number;
  launchAtLogin: boolean;
  killShortcut?: string | null | undefined;
}

/** How many requests or sessions the menu lists before "…and N more". */
export const MENU_LIST_LIMIT = 5;

/** Requests still waiting for a person at `now`, oldest first. */
export function pendingRequests(requests: readonly RequestView[], now: number): RequestView[] {
  return requests.filter((r) => r.state === 'pending' && r.lapsesAt > now).sort((a, b) => a.createdAt - b.createdAt);
}

/** Sessions active at `now` (state and clock both), soonest to end first. */
export function activeSessions(sessions: readonly SessionView[], now: number): SessionView[] {
  // INVARIANT: time decides, not a stale state field: a session past expiresAt is never shown as active.
  return sessions.filter((s) => s.state === 'active' && s.expiresAt > now).sort((a, b) => a.expiresAt - b.expiresAt);
}

/** The tray's state; locked down outranks pending approvals, which outrank active sessions. */
export function trayState(requests: readonly RequestView[], sessions: readonly SessionView[], status: StatusView, now: number): TrayState {
  if (status.lockedDown) return 'locked';
  if (pendingRequests(requests, now).length > 0) return 'pending';
  if (activeSessions(sessions, now).length > 0) return 'active';
  return 'idle';
}

/** Remaining time as the menu shows it: whole minutes rounded up, "under 1 min" at the end. */
export function formatRemaining(ms: number): string {
  if (ms < 60_000) return 'under 1 min left';
  return `${Math.ceil(ms / 60_000)} min left`;
}

/** Shortens a label to `max` characters with an ellipsis. */
export function clip(text: string, max = 48): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

function listed<T>(heading: string, rows: readonly T[], label: (row: T) => string): TrayMenuItem[] {
  if (rows.length === 0) return [];
  const items: TrayMenuItem[] = [{ kind: 'heading', label: `${heading} (${rows.length})` }];
  for (const row of rows.slice(0, MENU_LIST_LIMIT)) items.push({ kind: 'item', label: label(row), action: { type: 'open' } });
  if (rows.length > MENU_LIST_LIMIT) items.push({ kind: 'item', label: `…and ${rows.length - MENU_LIST_LIMIT} more`, action: { type: 'open' } });
  items.push({ kind: 'separator' });
  return items;
}

function tooltipFor(state: TrayState, pending: number, active: number): string {
  switch (state) {
    case 'locked': return 'Hallpass — locked down (kill switch); open to re-arm';
    case 'pending': return `Hallpass — ${pending} approval${pending === 1 ? '' : 's'} waiting`;
    case 'active': return `Hallpass — ${active} session${active === 1 ? '' : 's'} active`;
    case 'idle': return 'Hallpass — no active sessions';
  }
}

/** The whole tray: state, tooltip and menu (pending approvals, active sessions with time left, kill switch, open, quit). */
export function trayMenuModel(input: TrayInput): TrayModel {
  const pending = pendingRequests(input.requests, input.now);
  const active = activeSessions(input.sessions, input.now);
  const state = trayState(input.requests, input.sessions, input.status, input.now);
  const kill: TrayMenuItem = input.status.lockedDown
    ? { kind: 'item', label: 'Locked down — open Hallpass to re-arm', action: { type: 'open' } }
    : { kind: 'item', label: 'Kill switch — end every session now', action: { type: 'kill' }, ...(input.killShortcut ? { accelerator: input.killShortcut } : {}) };
  const items: TrayMenuItem[] = [
    // Approving happens in the window's prompt only (DESIGN §2.4): these entries open it.
    ...listed('Waiting for approval', pending, (r) => clip(`${r.clientName}: ${r.task}`)),
    ...listed('Active sessions', active, (s) => `${clip(`${s.clientName}: ${s.task}`, 40)} · ${formatRemaining(s.expiresAt - input.now)}`),
    kill,
    { kind: 'separator' },
    { kind: 'item', label: 'Open Hallpass', action: { type: 'open' } },
    { kind: 'check', label: 'Launch at login', checked: input.launchAtLogin, action: { type: 'toggle-launch-at-login' } },
    { kind: 'separator' },
    { kind: 'item', label: 'Quit Hallpass', action: { type: 'quit' } },
  ];
  return { state, tooltip: tooltipFor(state, pending.length, active.length), items };
}
