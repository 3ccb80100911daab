import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../main/core/store/migrations.ts';
import { openStore } from '../../../main/core/store/open-store.ts';
import { sampleClient, tempDir } from './store-test-kit.ts';

const mode = (path: string) => statSync(path).mode & 0o777;

function schemaSnapshot(file: string): unknown {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return {
      objects: db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all(),
      userVersion: db.prepare('PRAGMA user_version').get(),
      applicationId: db.prepare('PRAGMA application_id').get(),
    };
  } finally {
    db.close();
  }
}

test('creates the data dir 0700 and the database 0600 (WAL files too)', (t) => {
  const dir = join(tempDir(t), 'nested', 'home');
  const file = join(dir, 'hallpass.db');
  const store = openStore(file);
  try {
    store.settings.set('k', 'v'); // a write, so the WAL and shm files exist
    assert.equal(mode(dir), 0o700);
    assert.equal(mode(file), 0o600);
    assert.equal(mode(`${file}-wal`), 0o600);
    assert.equal(mode(`${file}-shm`), 0o600);
  } finally {
    store.dispose();
  }
});

test('leaves the file in WAL mode at the current schema version', (t) => {
  const file = join(tempDir(t), 'hallpass.db');
  openStore(file).dispose();
  const db = new DatabaseSync(file);
  try {
    assert.equal(db.prepare('PRAGMA journal_mode').get()?.journal_mode, 'wal'); // persistent in the file
    assert.equal(db.prepare('PRAGMA user_version').get()?.user_version, SCHEMA_VERSION);
  } finally {
    db.close();
  }
});

test('migrations are numbered 1..N and re-opening is idempotent', (t) => {
  assert.deepEqual(MIGRATIONS.map((m) => m.version), MIGRATIONS.map((_, i) => i + 1));
  const file = join(tempDir(t), 'hallpass.db');
  openStore(file).dispose();
  const first = schemaSnapshot(file);
  openStore(file).dispose();
  openStore(file).dispose();
  assert.deepEqual(schemaSnapshot(file), first);
});

test('re-opening keeps every kind of data', (t) => {
  const file = join(tempDir(t), 'hallpass.db');
  const a = openStore(file);
  a.clients.add(sampleClient(1));
  a.connections.put({ kind: 'stdio', id: 'files', command: 'npx', args: ['-y', 'x'], env: { A: '1' }, enabled: true });
  a.settings.set('maxTtlSeconds', '3600');
  a.audit.append({ at: 10, kind: 'kill', reason: 'panic button' });
  a.dispose();
  const b = openStore(file);
  try {
    assert.deepEqual(b.clients.list(), [sampleClient(1)]);
    assert.equal(b.connections.get('files')?.kind, 'stdio');
    assert.equal(b.settings.get('maxTtlSeconds'), '3600');
    assert.deepEqual(b.audit.verify(), { ok: true, rows: 1 });
  } finally {
    b.dispose();
  }
});

test('an empty (0-byte) file is a new database, and :memory: works', (t) => {
  const file = join(tempDir(t), 'hallpass.db');
  writeFileSync(file, '');
  const store = openStore(file);
  try {
    store.clients.add(sampleClient(1));
    assert.deepEqual(store.clients.list(), [sampleClient(1)]);
  } finally {
    store.dispose();
  }
  const memory = openStore(':memory:');
  try {
    memory.settings.set('a', 'b');
    assert.equal(memory.settings.get('a'), 'b');
  } finally {
    memory.dispose();
  }
});

test('dispose is idempotent and later calls fail loudly', (t) => {
  const store = openStore(join(tempDir(t), 'hallpass.db'));
  store.dispose();
  store.dispose();
  assert.throws(() => store.settings.get('a'));
});

test('dataVersion changes when another connection commits', (t) => {
  const file = join(tempDir(t), 'hallpass.db');
  const instance = openStore(file);
  const cli = openStore(file);
  try {
    const before = instance.dataVersion();
    instance.settings.set('own', 'write'); // its own commits do not count
    assert.equal(instance.dataVersion(), before);
    cli.clients.add(sampleClient(1));
    assert.notEqual(instance.dataVersion(), before);
    assert.deepEqual(instance.clients.list(), [sampleClient(1)]);
  } finally {
    cli.dispose();
    instance.dispose();
  }
});
