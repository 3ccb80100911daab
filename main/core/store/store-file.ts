/** The database file before SQLite touches it: created owner-only, and refused when it is plainly not ours. */
import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreOpenError } from './store-errors.ts';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** What to tell the person when a file is refused; it is never modified. */
export const LEAVE_IT = 'it was left untouched: restore it from a backup, or move it aside so Hallpass starts a fresh one';

/** Creates the parent dir (0700) and an empty file (0600) when missing; SQLite gives -wal/-shm the same mode. */
export function ensureDatabaseFile(file: string): void {
  // SECURITY: the database holds token hashes, connection env values and the audit log: owner only.
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new StoreOpenError(file, `cannot be created (${(error as Error).message})`, 'check the folder permissions', { cause: error });
    }
  }
}

/**
 * Reads only the first bytes; throws StoreOpenError when the file is plainly not SQLite. Truncation and
 * damage inside the file are SQLite's to find (open-store runs quick_check before any write).
 */
export function checkDatabaseFile(file: string): void {
  const stat = statSync(file);
  if (!stat.isFile()) throw new StoreOpenError(file, 'is not a regular file', 'point Hallpass at another data folder');
  if (stat.size === 0) return; // a brand-new database (nothing to lose)
  const header = readHeader(file);
  if (!header.equals(SQLITE_MAGIC)) throw new StoreOpenError(file, 'is not a SQLite database', LEAVE_IT);
}

/** The error for a file whose contents are damaged. */
export function corrupt(file: string, detail: string): StoreOpenError {
  return new StoreOpenError(file, `is truncated or corrupt (${detail})`, LEAVE_IT);
}

function readHeader(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(SQLITE_MAGIC.length);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
