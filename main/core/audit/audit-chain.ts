/** The audit hash chain (pure): canonical rows, chained sha256, and verification. */
import { createHash } from 'node:crypto';
import type { AuditRow } from './audit-types.ts';
import type { VerifyResult } from '../store/store-types.ts';

/** The prevHash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** Deterministic JSON of a row without its hash: keys sorted, absent (undefined) fields omitted. */
export function canonicalRow(row: Omit<AuditRow, 'hash'>): string {
  return canonicalJson(row);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sha256(prevHash || canonical) in hex. */
export function chainHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonical, 'utf8').digest('hex');
}

/** The hash a row must carry, given its own fields (including prevHash). */
export function rowHash(row: Omit<AuditRow, 'hash'>): string {
  return chainHash(row.prevHash, canonicalRow(row));
}

/** Walks rows oldest first; reports the first row whose seq, link or hash is wrong (`rows` counts every row). */
export function verifyChain(rows: Iterable<AuditRow>): VerifyResult {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  let firstBad: VerifyResult['firstBad'];
  for (const row of rows) {
    count += 1;
    if (firstBad) continue;
    const problem = rowProblem(row, expectedSeq, prevHash);
    if (problem) firstBad = { seq: row.seq, reason: problem };
    expectedSeq += 1;
    prevHash = row.hash;
  }
  return firstBad ? { ok: false, rows: count, firstBad } : { ok: true, rows: count };
}

function rowProblem(row: AuditRow, expectedSeq: number, prevHash: string): string | undefined {
  const { hash, ...rest } = row;
  // INVARIANT: the chain starts at seq 1 and has no gaps, so a deleted row shows as a gap.
  if (row.seq !== expectedSeq) return `seq gap: expected seq ${expectedSeq}, found ${row.seq}`;
  if (row.prevHash !== prevHash) {
    return expectedSeq === 1 ? 'prevHash of the first row is not the genesis hash' : `prevHash does not match the hash of seq ${expectedSeq - 1}`;
  }
  if (rowHash(rest) !== hash) return 'hash does not match the row (row content changed)';
  return undefined;
}
