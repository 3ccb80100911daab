/** The Activity screen: filters, exports, the chain's state and the audit table. */
import { useMemo } from 'react';
import type { ReactElement } from 'react';
import { useAudit, useControl, useServices } from '../../hooks.ts';
import type { AuditWindow } from '../../stores/audit-store.ts';
import { AUDIT_PAGE } from '../../stores/audit-store.ts';
import { ActivityTable } from './activity-table.tsx';
import { DECISION_LABELS, visibleRows } from './audit-rows.ts';
import { ChainState } from './chain-state.tsx';
import { exportName, saveText } from './save-text.ts';

const WINDOWS: { id: AuditWindow; label: string }[] = [
  { id: 'all', label: 'Any time' },
  { id: '15m', label: 'Last 15 minutes' },
  { id: '1h', label: 'Last hour' },
  { id: '24h', label: 'Last 24 hours' },
];

/** The Activity screen. */
export function ActivityView(): ReactElement {
  const { ticker } = useServices();
  const rows = useAudit((s) => s.rows);
  const filter = useAudit((s) => s.filter);
  const setFilter = useAudit((s) => s.setFilter);
  const exportLog = useAudit((s) => s.exportLog);
  const clients = useControl((s) => s.clients);
  const connections = useControl((s) => s.connections);
  const shown = useMemo(() => visibleRows(rows, filter), [rows, filter]);
  const orEmpty = (value: string): string | undefined => (value === '' ? undefined : value);

  const download = async (format: 'jsonl' | 'csv'): Promise<void> => {
    const text = await exportLog(format);
    if (text !== undefined) saveText(exportName(ticker.now(), format), text, format === 'csv' ? 'text/csv' : 'application/x-ndjson');
  };

  return (
    <div className="stack">
      <div className="toolbar">
        <ChainState />
        <div className="toolbar-actions">
          <button type="button" className="button small" onClick={() => void download('jsonl')}>Export JSONL</button>
          <button type="button" className="button small" onClick={() => void download('csv')}>Export CSV</button>
        </div>
      </div>
      <form className="filters" aria-label="Filter activity" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>Client</span>
          <select value={filter.clientId ?? ''} onChange={(e) => setFilter({ clientId: orEmpty(e.target.value) })}>
            <option value="">All clients</option>
            {clients.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </label>
        <label>
          <span>Connection</span>
          <select value={filter.connection ?? ''} onChange={(e) => setFilter({ connection: orEmpty(e.target.value) })}>
            <option value="">All connections</option>
            {connections.map((c) => <option key={c.id} value={c.id}>{c.id}</option>)}
          </select>
        </label>
        <label>
          <span>Decision</span>
          <select value={filter.decision ?? ''} onChange={(e) => setFilter({ decision: orEmpty(e.target.value) })}>
            <option value="">All decisions</option>
            {Object.entries(DECISION_LABELS).map(([kind, label]) => <option key={kind} value={kind}>{label}</option>)}
          </select>
        </label>
        <label>
          <span>Time</span>
          <select value={filter.window} onChange={(e) => setFilter({ window: WINDOWS.find((w) => w.id === e.target.value)?.id ?? 'all' })}>
            {WINDOWS.map((w) => <option key={w.id} value={w.id}>{w.label}</option>)}
          </select>
        </label>
      </form>
      <ActivityTable rows={shown} />
      {rows.length >= AUDIT_PAGE ? <p className="muted">Showing the newest {AUDIT_PAGE} entries; export for the whole log.</p> : null}
    </div>
  );
}
