/** Helpers the repositories share: schema checks on write and read, and clear constraint errors. */
import type { DatabaseSync } from 'node:sqlite';
import type { z } from 'zod';
import { StoreConflictError, StoreDataError } from './store-errors.ts';

/** What every repository is built from. */
export interface StoreContext {
  db: DatabaseSync;
  /** The database path, named in every error. */
  file: string;
}

/** A row as node:sqlite returns it. */
export type SqlRow = Record<string, unknown>;

/** Validates `value` against `schema` or throws a StoreDataError naming the row. */
export function checked<S extends z.ZodType>(ctx: StoreContext, table: string, id: string, schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(row)'}: ${issue.message}`).join('; ');
  throw new StoreDataError(ctx.file, table, id, `is invalid (${issues})`);
}

/** Parses a JSON column; a value that is not JSON is reported as a StoreDataError. */
export function parseJsonColumn(ctx: StoreContext, table: string, id: string, column: string, text: unknown): unknown {
  if (typeof text !== 'string') throw new StoreDataError(ctx.file, table, id, `has no ${column} JSON`);
  try {
    return JSON.parse(text);
  } catch {
    throw new StoreDataError(ctx.file, table, id, `has invalid JSON in ${column}`);
  }
}

/** Copies the entries whose value is not null (SQL NULL means "absent"). */
export function withoutNulls(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== null && value !== undefined) out[key] = value;
  return out;
}

/** Runs a write, turning UNIQUE / PRIMARY KEY / FOREIGN KEY failures into clear errors. */
export function write<T>(ctx: StoreContext, table: string, id: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    const code = (error as { errcode?: number }).errcode;
    if (code === SQLITE_CONSTRAINT_PRIMARYKEY || code === SQLITE_CONSTRAINT_UNIQUE) {
      throw new StoreConflictError(`${ctx.file}: ${table} row "${id}" conflicts with an existing row (${(error as Error).message})`, { cause: error });
    }
    if (code === SQLITE_CONSTRAINT_FOREIGNKEY) {
      throw new StoreDataError(ctx.file, table, id, 'refers to a client that does not exist');
    }
    throw error;
  }
}

const SQLITE_CONSTRAINT_FOREIGNKEY = 787;
const SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
const SQLITE_CONSTRAINT_UNIQUE = 2067;
