/** The requests table: approvals asked for, and how each was decided. */
import type { AccessRequest } from '../model.ts';
import type { Store } from './store-types.ts';
import { accessRequestSchema } from './row-schemas.ts';
import { checked, parseJsonColumn, withoutNulls, write, type SqlRow, type StoreContext } from './store-rows.ts';

/** Builds `store.requests` over prepared statements. */
export function requestsRepo(ctx: StoreContext): Store['requests'] {
  const { db } = ctx;
  const insert = db.prepare(`INSERT INTO requests
    (id, client_id, task, grants, minutes, trigger_call, created_at, lapses_at, state, decided_at, session_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const update = db.prepare(`UPDATE requests SET task = ?, grants = ?, minutes = ?, trigger_call = ?, lapses_at = ?,
    state = ?, decided_at = ?, session_id = ? WHERE id = ?`);
  const all = db.prepare(`SELECT id, client_id AS clientId, task, grants, minutes, trigger_call AS "trigger",
    created_at AS createdAt, lapses_at AS lapsesAt, state, decided_at AS decidedAt, session_id AS sessionId
    FROM requests ORDER BY created_at, rowid`);
  const read = (row: SqlRow): AccessRequest => {
    const id = String(row.id);
    const grants = parseJsonColumn(ctx, 'requests', id, 'grants', row.grants);
    const trigger = row.trigger === null ? undefined : parseJsonColumn(ctx, 'requests', id, 'trigger_call', row.trigger);
    return checked(ctx, 'requests', id, accessRequestSchema, withoutNulls({ ...row, grants, trigger }));
  };
  const valid = (request: AccessRequest) => checked(ctx, 'requests', String(request.id), accessRequestSchema, request);
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

  return {
    insert(request) {
      const r = valid(request);
      write(ctx, 'requests', r.id, () =>
        insert.run(r.id, r.clientId, r.task, JSON.stringify(r.grants), r.minutes ?? null, json(r.trigger),
          r.createdAt, r.lapsesAt, r.state, r.decidedAt ?? null, r.sessionId ?? null));
    },
    update(request) {
      // id, client and creation time never change; an unknown id (e.g. its client was removed) is a no-op.
      const r = valid(request);
      update.run(r.task, JSON.stringify(r.grants), r.minutes ?? null, json(r.trigger), r.lapsesAt,
        r.state, r.decidedAt ?? null, r.sessionId ?? null, r.id);
    },
    list: () => all.all().map(read),
  };
}
