/** Audit export formats: JSONL (exact, re-verifiable) and CSV (RFC 4180, for spreadsheets). */
import type { AuditRow } from './audit-types.ts';

/** The fixed column order of both formats. */
export const AUDIT_COLUMNS = [
  'seq', 'at', 'kind', 'clientId', 'clientName', 'connection', 'tool', 'access', 'sessionId', 'requestId', 'reason', 'prevHash', 'hash',
] as const satisfies readonly (keyof AuditRow)[];

/** One JSON object per row, keys in column order, absent fields omitted; each line ends with `\n`. */
export function* toJsonl(rows: Iterable<AuditRow>): Generator<string> {
  for (const row of rows) {
    const ordered: Record<string, unknown> = {};
    for (const column of AUDIT_COLUMNS) if (row[column] !== undefined) ordered[column] = row[column];
    yield `${JSON.stringify(ordered)}\n`;
  }
}

/** A header line, then one line per row; fields quoted per RFC 4180; lines end with CRLF. */
export function* toCsv(rows: Iterable<AuditRow>): Generator<string> {
  yield `${AUDIT_COLUMNS.join(',')}\r\n`;
  for (const row of rows) yield `${AUDIT_COLUMNS.map((column) => csvField(row[column])).join(',')}\r\n`;
}

function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  // SECURITY: text from agents or servers that a spreadsheet would run as a formula is prefixed with '
  // (OWASP CSV injection). JSONL stays exact; CSV is for people.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

