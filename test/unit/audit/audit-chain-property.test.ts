// Properties of the chain as the store writes it: any sequence of appends verifies, and any single-field
// change to any stored row is caught at exactly that row.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { verifyChain } from '../../../main/core/audit/audit-chain.ts';
import { AUDIT_COLUMNS } from '../../../main/core/audit/audit-export.ts';
import type { AuditEntry, AuditKind, AuditRow } from '../../../main/core/audit/audit-types.ts';
import { openStore } from '../../../main/core/store/open-store.ts';

const kinds: AuditKind[] = ['allowed', 'denied', 'pending', 'approved', 'denied-by-user', 'lapsed', 'expired', 'revoked', 'kill', 'rearm', 'call-result'];
// Any UTF-16 code units, lone surrogates and NUL included: agents can send such text.
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const text = fc.string({ maxLength: 12, unit: codeUnit });

const entryArb: fc.Arbitrary<AuditEntry> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom(...kinds),
  clientId: text, clientName: text, connection: text, tool: text,
  access: fc.constantFrom('read' as const, 'write' as const),
  sessionId: text, requestId: text, reason: text,
}, { requiredKeys: ['at', 'kind'] });

/** Appends through a real (in-memory) SQLite store and reads every row back. */
function stored(entries: AuditEntry[]): { appended: AuditRow[]; rows: AuditRow[]; verify: ReturnType<typeof verifyChain> } {
  const store = openStore(':memory:');
  try {
    const appended = entries.map((entry) => store.audit.append(entry));
    return { appended, rows: [...store.audit.all()], verify: store.audit.verify() };
  } finally {
    store.dispose();
  }
}

type Column = (typeof AUDIT_COLUMNS)[number];
const mutationArb = fc.record({
  row: fc.nat(),
  column: fc.constantFrom(...AUDIT_COLUMNS),
  // Integers for the number columns; for text, a different string or (for optional fields) removal.
  number: fc.integer(),
  value: fc.option(fc.string({ maxLength: 70 }), { nil: undefined }),
});

function mutate(rows: AuditRow[], m: { row: number; column: Column; number: number; value: string | undefined }): AuditRow[] | undefined {
  const index = m.row % rows.length;
  const row = rows[index] as AuditRow;
  const numeric = m.column === 'seq' || m.column === 'at';
  const required = numeric || m.column === 'kind' || m.column === 'prevHash' || m.column === 'hash';
  const next = numeric ? m.number : (m.value ?? (required ? '' : undefined));
  if (next === row[m.column]) return undefined; // not a change
  const changed = { ...row, [m.column]: next } as AuditRow;
  if (next === undefined) delete changed[m.column];
  return rows.map((r, i) => (i === index ? changed : r));
}

test('any sequence of appends verifies, and all() returns exactly what append returned', () => {
  fc.assert(fc.property(fc.array(entryArb, { minLength: 0, maxLength: 25 }), (entries) => {
    const { appended, rows, verify } = stored(entries);
    assert.deepEqual(rows, appended, 'what is read back is exactly what append returned (and hashed)');
    assert.deepEqual(verify, { ok: true, rows: entries.length });
  }), { numRuns: 150 });
});

test('any single-field change of any stored row is detected at that row', () => {
  fc.assert(fc.property(fc.array(entryArb, { minLength: 1, maxLength: 20 }), mutationArb, (entries, m) => {
    const { rows } = stored(entries);
    const tampered = mutate(rows, m);
    fc.pre(tampered !== undefined);
    const result = verifyChain(tampered as AuditRow[]);
    const changed = (tampered as AuditRow[])[m.row % rows.length] as AuditRow;
    assert.equal(result.ok, false);
    assert.equal(result.firstBad?.seq, changed.seq);
    assert.equal(result.rows, rows.length);
  }), { numRuns: 400 });
});
