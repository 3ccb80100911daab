/** The audit rows as a table, newest first. */
import type { ReactElement } from 'react';
import type { AuditRowView } from '../../contract.ts';
import { DECISION_LABELS, decisionTone } from './audit-rows.ts';
import { timeText } from './time-text.ts';

/** `<connection>__<tool>` as agents see it. */
function toolName(row: AuditRowView): string {
  const tool = row.tool ?? '';
  return row.connection && !tool.startsWith(`${row.connection}__`) ? `${row.connection}__${tool}` : tool;
}

/** The table; `rows` are already filtered and ordered. */
export function ActivityTable({ rows }: { rows: AuditRowView[] }): ReactElement {
  if (rows.length === 0) return <p className="empty">Nothing recorded for these filters.</p>;
  return (
    <div className="table-wrap">
      <table className="table activity-table">
        <caption className="sr-only">Audit log, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Decision</th>
            <th scope="col">Client</th>
            <th scope="col">Tool</th>
            <th scope="col">Access</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.seq} data-kind={row.kind}>
              <td className="nowrap clock">{timeText(row.at)}</td>
              <td><span className={`pill pill-${decisionTone(row.kind)}`}>{DECISION_LABELS[row.kind] ?? row.kind}</span></td>
              <td>{row.clientName ?? row.clientId ?? '—'}</td>
              <td>{row.tool ? <code>{toolName(row)}</code> : (row.connection ?? '—')}</td>
              <td>{row.access ?? '—'}</td>
              <td className="detail">{row.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
