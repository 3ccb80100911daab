/** Errors the store throws: each carries a one-line message that names the file and what to do. */

/** The database file cannot be opened safely (not SQLite, corrupt, foreign, or newer); it was left untouched. */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
  readonly file: string;
  constructor(file: string, problem: string, advice: string, options?: { cause?: unknown }) {
    super(`${file}: ${problem}; ${advice}`, options);
    this.file = file;
  }
}

/** A stored row (or a row about to be stored) does not match its schema. */
export class StoreDataError extends Error {
  override name = 'StoreDataError';
  readonly table: string;
  readonly rowId: string;
  constructor(file: string, table: string, rowId: string, problem: string) {
    super(`${file}: ${table} row "${rowId}" ${problem}`);
    this.table = table;
    this.rowId = rowId;
  }
}

/** An insert collides with an existing row (same id, name or token hash). */
export class StoreConflictError extends Error {
  override name = 'StoreConflictError';
}
