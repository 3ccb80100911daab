/** The audit table: append-only, hash-chained rows (DESIGN.md §2.7, §5). */
import type { AuditEntry, AuditRow } from '../audit/audit-types.ts';
import { GENESIS_HASH, rowHash, verifyChain } from '../audit/audit-chain.ts';
import type { Store } from './store-types.ts';
import { auditEntrySchema } from './row-schemas.ts';
import { checked, withoutNulls, type SqlRow, type StoreContext } from './store-rows.ts';

const COLUMNS = `seq, at, kind, client_id AS clientId, client_name AS clientName, connection, tool, access,
  session_id AS sessionId, request_id AS requestId, reason, prev_hash AS prevHash, hash`;
const PAGE = 1000;

/** Builds `store.audit`: no update or delete exists here, and triggers refuse them in SQL. */
export function auditRepo(ctx: StoreContext): Store['audit'] {
  const { db } = ctx;
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  const tail = db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare(`INSERT INTO audit
    (seq, at, kind, client_id, client_name, connection, tool, access, session_id, request_id, reason, prev_hash, hash)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const page = db.prepare(`SELECT ${COLUMNS} FROM audit WHERE seq > ? ORDER BY seq LIMIT ${PAGE}`);
  const newest = db.prepare(`SELECT * FROM (SELECT ${COLUMNS} FROM audit
    WHERE at >= ?1 AND (?2 IS NULL OR client_id = ?2) ORDER BY seq DESC LIMIT ?3) ORDER BY seq`);
  const toRow = (row: SqlRow) => withoutNulls(row) as unknown as AuditRow;

  function* all(): Generator<AuditRow> {
    let after = 0;
    for (;;) {
      const rows = page.all(after).map(toRow);
      yield* rows;
      if (rows.length < PAGE) return;
      after = (rows.at(-1) as AuditRow).seq;
    }
  }

  /** Appends entries in one transaction, chaining each to the one before. */
  function appendAll(entries: readonly AuditEntry[]): AuditRow[] {
    // SECURITY: only the known columns are kept; anything else a caller passes is dropped.
    const checkedEntries = entries.map((entry) => checked(ctx, 'audit', 'new', auditEntrySchema, entry));
    begin.run();
    try {
      // INVARIANT: the tail is re-read under the write lock, so appends from another process
      // (the CLI, a second instance) between ours still produce one unbroken chain.
      let last = tail.get() as { seq: number; hash: string } | undefined;
      const rows: AuditRow[] = [];
      for (const e of checkedEntries) {
        const body = withoutNulls({ seq: (last?.seq ?? 0) + 1, ...e, prevHash: last?.hash ?? GENESIS_HASH }) as Omit<AuditRow, 'hash'>;
        const hash = rowHash(body);
        insert.run(body.seq, body.at, body.kind, body.clientId ?? null, body.clientName ?? null, body.connection ?? null,
          body.tool ?? null, body.access ?? null, body.sessionId ?? null, body.requestId ?? null, body.reason ?? null,
          body.prevHash, hash);
        rows.push({ ...body, hash });
        last = { seq: body.seq, hash };
      }
      commit.run();
      return rows;
    } catch (error) {
      if (db.isTransaction) rollback.run();
      throw error;
    }
  }

  return {
    append: (entry) => appendAll([entry])[0]!,
    appendMany: (entries) => (entries.length ? appendAll(entries) : []),
    query: ({ since, client, limit }) => newest.all(since ?? 0, client ?? null, limit ?? -1).map(toRow),
    all,
    verify: () => verifyChain(all()),
  };
}
