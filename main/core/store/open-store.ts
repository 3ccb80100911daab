/** Opens (or creates) the Hallpass database and assembles the Store over it. */
import { DatabaseSync } from 'node:sqlite';
import type { Store } from './store-types.ts';
import { auditRepo } from './audit-repo.ts';
import { clientsRepo } from './clients-repo.ts';
import { connectionsRepo } from './connections-repo.ts';
import { APPLICATION_ID, migrate, SCHEMA_VERSION, schemaVersion } from './migrations.ts';
import { requestsRepo } from './requests-repo.ts';
import { sessionsRepo } from './sessions-repo.ts';
import { settingsRepo } from './settings-repo.ts';
import { checkDatabaseFile, corrupt, ensureDatabaseFile, LEAVE_IT } from './store-file.ts';
import { StoreOpenError } from './store-errors.ts';
import type { StoreContext } from './store-rows.ts';

export { StoreConflictError, StoreDataError, StoreOpenError } from './store-errors.ts';

/** How long a write waits for another process (the CLI or a running instance) to release the lock. */
const BUSY_TIMEOUT_MS = 5000;
const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;

/**
 * Opens the store at `dbPath` (or `':memory:'`). A file that is not a Hallpass database, is corrupt or
 * truncated, or has a newer schema throws StoreOpenError and is left byte-for-byte untouched.
 */
export function openStore(dbPath: string): Store {
  const memory = dbPath === ':memory:';
  guard(dbPath, () => {
    if (memory) return;
    ensureDatabaseFile(dbPath);
    checkDatabaseFile(dbPath);
  });
  const db = guard(dbPath, () => new DatabaseSync(dbPath, { timeout: BUSY_TIMEOUT_MS, enableForeignKeyConstraints: true }));
  try {
    // INVARIANT: nothing below writes until the file has proven to be a sound Hallpass database.
    guard(dbPath, () => probe(db, dbPath));
    guard(dbPath, () => {
      // INVARIANT: WAL + synchronous=NORMAL: a committed row survives kill -9 of the process.
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = NORMAL');
    });
    guard(dbPath, () => migrate(db), `could not be upgraded to schema version ${SCHEMA_VERSION}`);
  } catch (error) {
    db.close();
    throw error;
  }
  return assemble({ db, file: dbPath });
}

/** Refuses foreign, newer or damaged files; reads one consistent snapshot and writes nothing. */
function probe(db: DatabaseSync, file: string): void {
  db.exec('BEGIN'); // one snapshot: another process may be creating the schema right now
  try {
    const pragma = (name: string) => Number(Object.values(db.prepare(`PRAGMA ${name}`).get() ?? {})[0]);
    const appId = pragma('application_id');
    const version = schemaVersion(db);
    const objects = Number((db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n);
    if (appId !== APPLICATION_ID && (appId !== 0 || version !== 0 || objects > 0)) {
      throw new StoreOpenError(file, 'is a SQLite database of another application', 'it was left untouched: point Hallpass at another data folder');
    }
    if (version > SCHEMA_VERSION) {
      throw new StoreOpenError(file, `was written by a newer Hallpass (schema version ${version}; this one knows up to ${SCHEMA_VERSION})`,
        'it was left untouched: run the newer Hallpass, or move the file aside to start fresh');
    }
    const problems = db.prepare('PRAGMA quick_check(3)').all().map((row) => String(Object.values(row)[0]));
    if (problems.join() !== 'ok') throw corrupt(file, problems.join('; '));
  } finally {
    if (db.isTransaction) db.exec('ROLLBACK');
  }
}

/** Runs `step`; any failure that is not already a StoreOpenError becomes one naming the file. */
function guard<T>(file: string, step: () => T, problem?: string): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof StoreOpenError) throw error;
    const code = (error as { errcode?: number }).errcode;
    if (code === SQLITE_NOTADB) throw new StoreOpenError(file, 'is not a SQLite database', LEAVE_IT, { cause: error });
    if (code === SQLITE_CORRUPT) throw corrupt(file, (error as Error).message);
    throw new StoreOpenError(file, `${problem ?? 'cannot be opened'} (${(error as Error).message})`,
      'check that the folder is writable and no other program holds the file', { cause: error });
  }
}

function assemble(ctx: StoreContext): Store {
  const dataVersion = ctx.db.prepare('PRAGMA data_version');
  return {
    clients: clientsRepo(ctx),
    connections: connectionsRepo(ctx),
    sessions: sessionsRepo(ctx),
    requests: requestsRepo(ctx),
    audit: auditRepo(ctx),
    settings: settingsRepo(ctx),
    dataVersion: () => Number((dataVersion.get() as { data_version: number }).data_version),
    dispose() {
      if (ctx.db.isOpen) ctx.db.close();
    },
  };
}
