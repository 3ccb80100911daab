// A database file that is not ours, damaged or too new is refused with a clear one-line error and
// left byte-for-byte untouched (no sidecar files left behind either).
import assert from 'node:assert/strict';
import { closeSync, copyFileSync, mkdirSync, openSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test, type TestContext } from 'node:test';
import { openStore, StoreOpenError } from '../../../main/core/store/open-store.ts';
import { SCHEMA_VERSION } from '../../../main/core/store/migrations.ts';
import { fileHash, listing, sampleClient, tempDir } from './store-test-kit.ts';

/** A closed, checkpointed Hallpass database with enough rows to span many pages. */
function goodDatabase(t: TestContext): { dir: string; file: string } {
  const dir = tempDir(t);
  const file = join(dir, 'hallpass.db');
  const store = openStore(file);
  store.clients.add(sampleClient(1));
  for (let i = 0; i < 2_000; i++) store.audit.append({ at: i, kind: 'allowed', clientId: 'cli_1', reason: `row ${i} `.repeat(8) });
  store.dispose();
  return { dir, file };
}

function assertRefused(dir: string, file: string, pattern: RegExp): void {
  const before = fileHash(file);
  const names = listing(dir);
  assert.throws(() => openStore(file), (error: unknown) => {
    assert.ok(error instanceof StoreOpenError, `expected StoreOpenError, got ${String(error)}`);
    assert.match(error.message, pattern);
    assert.ok(error.message.startsWith(file), 'the message names the file');
    assert.ok(!error.message.includes('\n'), 'the message is one line');
    assert.match(error.message, /left untouched/);
    return true;
  });
  assert.equal(fileHash(file), before, 'the file is unchanged');
  assert.deepEqual(listing(dir), names, 'no files were added or removed');
}

test('a file shorter than the SQLite magic is not a SQLite database', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'hallpass.db');
  writeFileSync(file, 'SQLite');
  assertRefused(dir, file, /is not a SQLite database/);
});

test('a text file is not a SQLite database', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'hallpass.db');
  writeFileSync(file, 'these are my notes, not a database\n'.repeat(200));
  assertRefused(dir, file, /is not a SQLite database/);
});

test('a file cut inside the header is refused', (t) => {
  const { dir, file } = goodDatabase(t);
  truncateSync(file, 60);
  assertRefused(dir, file, /truncated or corrupt/);
});

test('a file cut at a page boundary is truncated', (t) => {
  const { dir, file } = goodDatabase(t);
  truncateSync(file, 4096 * 20);
  assertRefused(dir, file, /truncated or corrupt/);
});

test('a file cut mid-page is truncated', (t) => {
  const { dir, file } = goodDatabase(t);
  truncateSync(file, Math.floor(statSync(file).size / 2) + 123);
  assertRefused(dir, file, /truncated or corrupt/);
});

test('a page overwritten with garbage is corrupt', (t) => {
  const { dir, file } = goodDatabase(t);
  const pages = statSync(file).size / 4096;
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, 4096 * Math.floor(pages / 2));
  closeSync(fd);
  assertRefused(dir, file, /truncated or corrupt/);
});

test('a database from a newer Hallpass is refused', (t) => {
  const { dir, file } = goodDatabase(t);
  const raw = new DatabaseSync(file);
  raw.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
  raw.close();
  assertRefused(dir, file, new RegExp(`newer Hallpass \\(schema version ${SCHEMA_VERSION + 1}; this one knows up to ${SCHEMA_VERSION}\\)`));
});

test("another application's SQLite database is refused", (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'hallpass.db');
  const raw = new DatabaseSync(file);
  raw.exec("CREATE TABLE clients (x TEXT); INSERT INTO clients VALUES ('theirs')");
  raw.close();
  assertRefused(dir, file, /another application/);
});

test('a copy of a good database still opens (the checks do not reject sound files)', (t) => {
  const { dir, file } = goodDatabase(t);
  const copy = join(dir, 'copy.db');
  copyFileSync(file, copy);
  const store = openStore(copy);
  try {
    assert.deepEqual(store.audit.verify(), { ok: true, rows: 2_000 });
  } finally {
    store.dispose();
  }
});

test('a directory in place of the file is refused', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'hallpass.db');
  mkdirSync(file);
  assert.throws(() => openStore(file), (error: unknown) => error instanceof StoreOpenError && /not a regular file/.test(error.message));
});
