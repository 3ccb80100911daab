/** Numbered schema migrations, tracked in `PRAGMA user_version`; never edit a shipped one, add the next. */
import type { DatabaseSync } from 'node:sqlite';

/** `PRAGMA application_id` of a Hallpass database ('HPAS'), so foreign SQLite files are refused. */
export const APPLICATION_ID = 0x48504153;

/** One step of the schema. */
export interface Migration {
  version: number;
  sql: string;
}

/** Every migration, in order; `version` is 1, 2, 3, … */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE clients (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        token_hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE connections (
        id TEXT PRIMARY KEY,
        config TEXT NOT NULL
      ) STRICT;

      CREATE TABLE requests (
        id TEXT PRIMARY KEY,
        client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        task TEXT NOT NULL,
        grants TEXT NOT NULL,
        minutes REAL,
        trigger_call TEXT,
        created_at INTEGER NOT NULL,
        lapses_at INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'denied', 'lapsed')),
        decided_at INTEGER,
        session_id TEXT
      ) STRICT;
      CREATE INDEX requests_by_client ON requests(client_id);

      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        task TEXT NOT NULL,
        grants TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER,
        revoke_reason TEXT,
        request_id TEXT,
        calls INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX sessions_by_client ON sessions(client_id);

      -- No foreign keys: the audit outlives the clients and sessions it names.
      CREATE TABLE audit (
        seq INTEGER PRIMARY KEY CHECK (seq >= 1),
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        client_id TEXT,
        client_name TEXT,
        connection TEXT,
        tool TEXT,
        access TEXT CHECK (access IN ('read', 'write')),
        session_id TEXT,
        request_id TEXT,
        reason TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      -- No secondary index: every append is on the gated-call hot path, and an index page doubles
      -- what each commit writes. Queries by client scan from the newest row and stop at their limit.
      -- INVARIANT: the audit is append-only; the database itself refuses to change or drop a row.
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      PRAGMA application_id = ${APPLICATION_ID};
    `,
  },
];

/** The newest schema version this build knows. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Reads `PRAGMA user_version`. */
export function schemaVersion(db: DatabaseSync): number {
  return Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
}

/** Applies the missing migrations in one IMMEDIATE transaction (safe when two processes open at once). */
export function migrate(db: DatabaseSync): void {
  if (schemaVersion(db) === SCHEMA_VERSION) return;
  db.exec('BEGIN IMMEDIATE');
  try {
    const current = schemaVersion(db); // re-read under the write lock: another process may have migrated
    if (current > SCHEMA_VERSION) throw new Error(`schema version ${current} is newer than ${SCHEMA_VERSION}`);
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      db.exec(`PRAGMA user_version = ${migration.version}`);
    }
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
