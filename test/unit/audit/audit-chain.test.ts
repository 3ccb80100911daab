import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { canonicalRow, chainHash, GENESIS_HASH, verifyChain } from '../../../main/core/audit/audit-chain.ts';
import type { AuditEntry, AuditRow } from '../../../main/core/audit/audit-types.ts';
import { chain } from './audit-test-kit.ts';

const entries: AuditEntry[] = [
  { at: 1, kind: 'pending', clientId: 'cli_1', tool: 'files__read' },
  { at: 2, kind: 'approved', clientId: 'cli_1', sessionId: 'ses_1' },
  { at: 3, kind: 'allowed', clientId: 'cli_1', access: 'read' },
  { at: 4, kind: 'kill', reason: 'person pressed the kill switch' },
];

test('canonicalRow sorts keys and omits absent fields', () => {
  const a = canonicalRow({ seq: 1, prevHash: GENESIS_HASH, kind: 'kill', at: 5, reason: undefined });
  const b = canonicalRow({ at: 5, kind: 'kill', prevHash: GENESIS_HASH, seq: 1 });
  assert.equal(a, b);
  assert.equal(a, `{"at":5,"kind":"kill","prevHash":"${GENESIS_HASH}","seq":1}`);
  assert.equal(canonicalRow({ seq: 1, at: 5, kind: 'kill', prevHash: 'p', reason: 'a "quoted"\nline' }),
    '{"at":5,"kind":"kill","prevHash":"p","reason":"a \\"quoted\\"\\nline","seq":1}');
});

test('chainHash is sha256 of prevHash then canonical, in hex', () => {
  const expected = createHash('sha256').update(`${GENESIS_HASH}{"a":1}`).digest('hex');
  assert.equal(chainHash(GENESIS_HASH, '{"a":1}'), expected);
  assert.match(chainHash('x', 'y'), /^[0-9a-f]{64}$/);
});

test('a well-formed chain verifies, and so does an empty one', () => {
  assert.deepEqual(verifyChain(chain(entries)), { ok: true, rows: 4 });
  assert.deepEqual(verifyChain([]), { ok: true, rows: 0 });
});

test('verifyChain reports the first bad row with a reason, and counts every row', () => {
  const rows = chain(entries);
  const [r1, r2, r3, r4] = rows as [AuditRow, AuditRow, AuditRow, AuditRow];
  assert.deepEqual(verifyChain([r1, r2, { ...r3, reason: 'edited' }, { ...r4, reason: 'edited too' }]),
    { ok: false, rows: 4, firstBad: { seq: 3, reason: 'hash does not match the row (row content changed)' } });
  assert.deepEqual(verifyChain([r1, r3, r4]).firstBad, { seq: 3, reason: 'seq gap: expected seq 2, found 3' });
  assert.deepEqual(verifyChain([r2, r3]).firstBad, { seq: 2, reason: 'seq gap: expected seq 1, found 2' });
  assert.deepEqual(verifyChain([{ ...r1, prevHash: 'f'.repeat(64) }]).firstBad, { seq: 1, reason: 'prevHash of the first row is not the genesis hash' });
  assert.deepEqual(verifyChain([r1, { ...r2, prevHash: r1.prevHash }]).firstBad, { seq: 2, reason: 'prevHash does not match the hash of seq 1' });
});

test('verifyChain accepts any iterable (the store streams its rows)', () => {
  function* rows(): Generator<AuditRow> {
    yield* chain(entries);
  }
  assert.deepEqual(verifyChain(rows()), { ok: true, rows: 4 });
});
