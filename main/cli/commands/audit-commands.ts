/** `hallpass audit`, `audit export`, `audit verify`: the hash-chained decision log, read from the database. */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { toCsv, toJsonl } from '../../core/audit/audit-export.ts';
import type { AuditRow } from '../../core/audit/audit-types.ts';
import { CliError, usageError } from '../cli-error.ts';
import { flagOption, intOption, JSON_OPTION, stringOption, type CommandSpec } from '../command-spec.ts';
import { formatTime, printJson, printTable } from '../output.ts';
import { withStore } from '../with-store.ts';

const list: CommandSpec = {
  path: 'audit',
  summary: 'Show the audit log of every decision, newest last',
  usage: ['audit [--limit N] [--client NAME|ID] [--json]', 'audit export --format jsonl|csv [--out FILE]', 'audit verify [--json]'],
  options: {
    limit: { type: 'string', value: 'N', help: 'show the newest N rows (default 100)' },
    client: { type: 'string', value: 'NAME|ID', help: 'only rows of this client' },
    json: JSON_OPTION,
  },
  args: { min: 0, max: 0, names: '' },
  async run(ctx, { values }) {
    const limit = intOption(values, 'limit', 1, 10_000, 'audit') ?? 100;
    const client = stringOption(values, 'client');
    const rows = await withStore(ctx, (store) => {
      const clientId = client === undefined ? undefined : (store.clients.byName(client)?.id ?? client);
      return store.audit.query({ limit, ...(clientId === undefined ? {} : { client: clientId }) });
    });
    if (flagOption(values, 'json')) printJson(ctx, rows);
    else printTable(ctx, ['SEQ', 'AT (UTC)', 'KIND', 'CLIENT', 'TOOL', 'SESSION', 'REASON'], rows.map((r) => [
      String(r.seq), formatTime(r.at), r.kind, r.clientName ?? r.clientId ?? '', toolText(r), r.sessionId ?? r.requestId ?? '', r.reason ?? '',
    ]), 'No audit rows.');
    return 0;
  },
};

const exportCommand: CommandSpec = {
  path: 'audit export',
  summary: 'Export the whole audit log as JSONL (exact, re-verifiable) or CSV',
  usage: ['audit export --format jsonl|csv [--out FILE]'],
  options: {
    format: { type: 'string', value: 'jsonl|csv', help: 'output format (default jsonl)' },
    out: { type: 'string', value: 'FILE', help: 'write to FILE (mode 0600) instead of stdout' },
  },
  args: { min: 0, max: 0, names: '' },
  async run(ctx, { values }) {
    const format = stringOption(values, 'format') ?? 'jsonl';
    if (format !== 'jsonl' && format !== 'csv') throw usageError(`--format must be jsonl or csv, got "${format}"`, 'audit export');
    const out = stringOption(values, 'out');
    await withStore(ctx, async (store) => {
      const lines = format === 'csv' ? toCsv(store.audit.all()) : toJsonl(store.audit.all());
      if (out === undefined) for (const line of lines) ctx.out(line);
      else await pipeline(Readable.from(lines), createWriteStream(out, { mode: 0o600 }));
    });
    return 0;
  },
};

const verify: CommandSpec = {
  path: 'audit verify',
  summary: 'Check the audit hash chain; exit 1 and show the first bad row when it is broken',
  usage: ['audit verify [--json]'],
  options: { json: { type: 'boolean', help: 'print the result as JSON' } },
  args: { min: 0, max: 0, names: '' },
  async run(ctx, { values }) {
    const { result, bad } = await withStore(ctx, (store) => {
      const result = store.audit.verify();
      let bad: AuditRow | undefined;
      if (result.firstBad) for (const row of store.audit.all()) if (row.seq === result.firstBad.seq) { bad = row; break; }
      return { result, bad };
    });
    if (flagOption(values, 'json')) printJson(ctx, { ...result, ...(bad ? { badRow: bad } : {}) });
    else if (result.ok) ctx.out(`Audit chain OK: ${result.rows} row(s).\n`);
    else ctx.out(`First bad row (seq ${result.firstBad?.seq}):\n${bad ? JSON.stringify(bad, null, 2) : '(row missing)'}\n`);
    if (!result.ok) throw new CliError(`audit chain broken at row ${result.firstBad?.seq ?? '?'}: ${result.firstBad?.reason ?? 'unknown reason'}`);
    return 0;
  },
};

function toolText(r: AuditRow): string {
  const tool = r.connection && r.tool ? `${r.connection}__${r.tool}` : (r.tool ?? r.connection ?? '');
  return r.access ? `${tool} (${r.access})` : tool;
}

/** The `audit` group; bare `hallpass audit` lists rows. */
export const auditGroup = {
  name: 'audit',
  summary: 'Show, export and verify the audit log',
  commands: [exportCommand, verify],
  fallback: list,
};
