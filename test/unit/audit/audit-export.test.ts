import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GENESIS_HASH, verifyChain } from '../../../main/core/audit/audit-chain.ts';
import { AUDIT_COLUMNS, toCsv, toJsonl } from '../../../main/core/audit/audit-export.ts';
import type { AuditRow } from '../../../main/core/audit/audit-types.ts';
import { chain } from './audit-test-kit.ts';

const rows = chain([
  { at: 1_700_000_000_000, kind: 'denied', clientId: 'cli_1', clientName: 'Cursor, the editor', tool: 'files__write', access: 'write', reason: 'said "no"\nthen left' },
  { at: 1_700_000_000_001, kind: 'kill' },
  { at: 1_700_000_000_002, kind: 'pending', clientName: '=HYPERLINK("http://evil")', reason: '+1 and -1 and @x' },
]);

const text = (lines: Iterable<string>) => [...lines].join('');

test('JSONL: one object per line, fixed key order, absent fields omitted, round-trips and re-verifies', () => {
  const out = text(toJsonl(rows));
  const lines = out.split('\n');
  assert.equal(lines.pop(), '', 'ends with a newline');
  assert.equal(lines.length, 3);
  assert.equal(lines[1], `{"seq":2,"at":1700000000001,"kind":"kill","prevHash":"${rows[0]?.hash}","hash":"${rows[1]?.hash}"}`);
  const parsed = lines.map((line) => JSON.parse(line) as AuditRow);
  assert.deepEqual(parsed, rows);
  assert.deepEqual(verifyChain(parsed), { ok: true, rows: 3 });
});

test('CSV: header in fixed column order, CRLF lines, RFC 4180 quoting of commas, quotes and newlines', () => {
  const out = text(toCsv(rows));
  const [header, first, second] = out.split('\r\n');
  assert.equal(header, AUDIT_COLUMNS.join(','));
  assert.equal(header, 'seq,at,kind,clientId,clientName,connection,tool,access,sessionId,requestId,reason,prevHash,hash');
  assert.equal(first, `1,1700000000000,denied,cli_1,"Cursor, the editor",,files__write,write,,,"said ""no""\nthen left",${GENESIS_HASH},${rows[0]?.hash}`);
  assert.equal(second, `2,1700000000001,kill,,,,,,,,,${rows[0]?.hash},${rows[1]?.hash}`);
  assert.ok(out.endsWith('\r\n'));
});

test('CSV: cells a spreadsheet would run as formulas are neutralised', () => {
  const line = text(toCsv(rows)).split('\r\n')[3] ?? '';
  assert.match(line, /,"'=HYPERLINK\(""http:\/\/evil""\)",/);
  assert.match(line, /,'\+1 and -1 and @x,/);
});

test('an empty log exports to nothing (JSONL) or just the header (CSV)', () => {
  assert.equal(text(toJsonl([])), '');
  assert.equal(text(toCsv([])), `${AUDIT_COLUMNS.join(',')}\r\n`);
});
