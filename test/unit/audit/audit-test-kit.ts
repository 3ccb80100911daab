// Builds a valid audit chain by hand, independently of the store.
import { GENESIS_HASH, rowHash } from '../../../main/core/audit/audit-chain.ts';
import type { AuditEntry, AuditRow } from '../../../main/core/audit/audit-types.ts';

/** Chains `entries` from seq 1 and the genesis hash. */
export function chain(entries: AuditEntry[]): AuditRow[] {
  const rows: AuditRow[] = [];
  for (const entry of entries) {
    const prev = rows.at(-1);
    const body = { ...entry, seq: (prev?.seq ?? 0) + 1, prevHash: prev?.hash ?? GENESIS_HASH };
    rows.push({ ...body, hash: rowHash(body) });
  }
  return rows;
}
