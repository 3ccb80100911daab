/** The sessions table: approved, time-boxed grants; `state` is derived by the caller from the clock. */
import type { Session } from '../model.ts';
import type { Store } from './store-types.ts';
import { sessionSchema } from './row-schemas.ts';
import { checked, parseJsonColumn, withoutNulls, write, type SqlRow, type StoreContext } from './store-rows.ts';

/** Builds `store.sessions` over prepared statements. */
export function sessionsRepo(ctx: StoreContext): Store['sessions'] {
  const { db } = ctx;
  const insert = db.prepare(`INSERT INTO sessions
    (id, client_id, task, grants, created_at, expires_at, revoked_at, revoke_reason, request_id, calls)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  // INVARIANT: a revocation is final; revoking again keeps the first time and reason.
  const revoke = db.prepare('UPDATE sessions SET revoked_at = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL');
  const setCalls = db.prepare('UPDATE sessions SET calls = ? WHERE id = ?');
  const all = db.prepare(`SELECT id, client_id AS clientId, task, grants, created_at AS createdAt, expires_at AS expiresAt,
    revoked_at AS revokedAt, revoke_reason AS revokeReason, request_id AS requestId, calls
    FROM sessions ORDER BY created_at, rowid`);
  const read = (row: SqlRow): Session => {
    const id = String(row.id);
    const grants = parseJsonColumn(ctx, 'sessions', id, 'grants', row.grants);
    return checked(ctx, 'sessions', id, sessionSchema, withoutNulls({ ...row, grants }));
  };

  return {
    insert(session) {
      const s = checked(ctx, 'sessions', String(session.id), sessionSchema, session);
      write(ctx, 'sessions', s.id, () =>
        insert.run(s.id, s.clientId, s.task, JSON.stringify(s.grants), s.createdAt, s.expiresAt,
          s.revokedAt ?? null, s.revokeReason ?? null, s.requestId ?? null, s.calls));
    },
    revoke(id, at, reason) {
      revoke.run(at, reason, id);
    },
    setCalls(id, calls) {
      setCalls.run(calls, id);
    },
    list: () => all.all().map(read),
  };
}
