/** The Activity table's rows: filtered here for connection and decision, newest first. */
import type { AuditRowView } from '../../contract.ts';

/** Labels for the audit kinds; unknown kinds show as they are. */
export const DECISION_LABELS: Record<string, string> = {
  allowed: 'Allowed',
  denied: 'Refused',
  pending: 'Asked',
  approved: 'Approved',
  'denied-by-user': 'Denied by you',
  lapsed: 'Lapsed',
  expired: 'Expired',
  revoked: 'Revoked',
  kill: 'Kill switch',
  rearm: 'Re-armed',
  'call-result': 'Call result',
};

/** The tone a decision is shown in. */
export function decisionTone(kind: string): 'good' | 'bad' | 'wait' | 'plain' {
  if (kind === 'allowed' || kind === 'approved' || kind === 'rearm') return 'good';
  if (kind === 'pending') return 'wait';
  if (kind === 'call-result' || kind === 'lapsed') return 'plain';
  return 'bad';
}

/** Rows matching the local filters, newest first. */
export function visibleRows(rows: AuditRowView[], filter: { connection?: string | undefined; decision?: string | undefined }): AuditRowView[] {
  const out: AuditRowView[] = [];
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    if (filter.connection !== undefined && row.connection !== filter.connection) continue;
    if (filter.decision !== undefined && row.kind !== filter.decision) continue;
    out.push(row);
  }
  return out;
}
