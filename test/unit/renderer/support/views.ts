/** Builders for contract views with sensible defaults (test data only). */
import type { AuditRowView, ClientView, ConnectionView, RequestView, SessionView, StatusView } from '../../../../renderer/contract.ts';

/** A pending request asking write access to `everything`. */
export function requestView(over: Partial<RequestView> & { id: string }, now = 1_700_000_000_000): RequestView {
  return {
    clientId: 'cli_1',
    clientName: 'Claude Code',
    task: 'Echo a greeting back to check the connection',
    grants: [{ connection: 'everything', access: 'write' }],
    trigger: { tool: 'everything__echo', argsSummary: '{"message":"hello"}' },
    createdAt: now,
    lapsesAt: now + 300_000,
    state: 'pending',
    maxTtlSeconds: 3600,
    ...over,
  };
}

/** An active session ending `expiresAt`. */
export function sessionView(over: Partial<SessionView> & { id: string; expiresAt: number }): SessionView {
  return {
    clientId: 'cli_1',
    clientName: 'Claude Code',
    task: 'Summarise the open issues',
    grants: [{ connection: 'everything', access: 'read' }],
    createdAt: over.expiresAt - 900_000,
    state: 'active',
    calls: 0,
    ...over,
  };
}

/** A running stdio connection. */
export function connectionView(over: Partial<ConnectionView> & { id: string }): ConnectionView {
  return { kind: 'stdio', target: 'npx server-everything', enabled: true, status: 'running', tools: 12, readTools: 7, writeTools: 5, ...over };
}

/** A registered client. */
export function clientView(over: Partial<ClientView> & { id: string }): ClientView {
  return { name: over.id, createdAt: 1_700_000_000_000, ...over };
}

/** The status of an unlocked core. */
export function statusView(over: Partial<StatusView> = {}): StatusView {
  return { lockedDown: false, version: '0.1.0', maxTtlSeconds: 3600, approvalWaitSeconds: 25, ...over };
}

/** An audit row (hashes are placeholders: the fake does not chain). */
export function auditRow(over: Partial<AuditRowView> & { seq: number; kind: string; at: number }): AuditRowView {
  return { prevHash: '0'.repeat(64), hash: over.seq.toString(16).padStart(64, '0'), ...over };
}
