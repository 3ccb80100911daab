// The store's audit log: append, query, paging, verify, append-only triggers, tampering, two writers.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test, type TestContext } from 'node:test';
import { GENESIS_HASH, rowHash } from '../../../main/core/audit/audit-chain.ts';
import type { AuditEntry } from '../../../main/core/audit/audit-types.ts';
import { openStore, StoreDataError } from '../../../main/core/store/open-store.ts';
import type { Store } from '../../../main/core/store/store-types.ts';
import { tempDir } from './store-test-kit.ts';

function fresh(t: TestContext): { store: Store; file: string } {
  const file = join(tempDir(t), 'hallpass.db');
  const store = openStore(file);
  t.after(() => store.dispose());
  return { store, file };
}

function fill(store: Store, n: number, entry: (i: number) => AuditEntry = (i) => ({ at: 1_000 + i, kind: 'allowed', clientId: `cli_${i % 3}` })): void {
  for (let i = 0; i < n; i++) store.audit.append(entry(i));
}

/** A raw connection as an attacker with file access would use it: triggers dropped. */
function attacker(t: TestContext, file: string): DatabaseSync {
  const db = new DatabaseSync(file);
  t.after(() => db.close());
  db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
  return db;
}

test('append chains rows from the genesis hash and returns exactly what is stored', (t) => {
  const { store } = fresh(t);
  const first = store.audit.append({ at: 5, kind: 'pending', clientId: 'cli_1', clientName: 'cursor', connection: 'files', tool: 'read_file', access: 'read', requestId: 'req_1', reason: 'no session' });
  const second = store.audit.append({ at: 6, kind: 'kill' });
  assert.equal(first.seq, 1);
  assert.equal(first.prevHash, GENESIS_HASH);
  const { hash, ...body } = first;
  assert.equal(hash, rowHash(body));
  assert.deepEqual(second, { seq: 2, at: 6, kind: 'kill', prevHash: first.hash, hash: second.hash });
  assert.deepEqual([...store.audit.all()], [first, second]);
  assert.deepEqual(store.audit.verify(), { ok: true, rows: 2 });
});

test('append keeps only the known fields and refuses malformed entries', (t) => {
  const { store } = fresh(t);
  const row = store.audit.append({ at: 1, kind: 'denied', reason: 'unknown tool', token: 'hp_secret' } as AuditEntry);
  assert.equal('token' in row, false);
  assert.doesNotMatch(JSON.stringify([...store.audit.all()]), /hp_secret/);
  assert.throws(() => store.audit.append({ at: 1, kind: 'maybe' as 'kill' }), StoreDataError);
  assert.throws(() => store.audit.append({ at: -1, kind: 'kill' }), StoreDataError);
  assert.throws(() => store.audit.append({ at: 1, kind: 'allowed', access: 'admin' as 'read' }), StoreDataError);
  assert.deepEqual(store.audit.verify(), { ok: true, rows: 1 });
});

test('text with lone surrogates or NUL is stored as hashed, so it cannot fake tampering', (t) => {
  const { store } = fresh(t);
  const row = store.audit.append({ at: 1, kind: 'denied', tool: 'x\u0000y', reason: 'lone \ud800 surrogate' });
  assert.equal(row.reason, 'lone \ufffd surrogate');
  assert.deepEqual([...store.audit.all()], [row]);
  assert.deepEqual(store.audit.verify(), { ok: true, rows: 1 });
});

test('query filters by since and client and returns the newest `limit`, oldest first', (t) => {
  const { store } = fresh(t);
  fill(store, 30);
  const seqs = (rows: { seq: number }[]) => rows.map((r) => r.seq);
  assert.equal(store.audit.query({}).length, 30);
  assert.deepEqual(seqs(store.audit.query({ limit: 3 })), [28, 29, 30]);
  assert.deepEqual(seqs(store.audit.query({ since: 1_025 })), [26, 27, 28, 29, 30]);
  assert.deepEqual(seqs(store.audit.query({ client: 'cli_1' })), [2, 5, 8, 11, 14, 17, 20, 23, 26, 29]);
  assert.deepEqual(seqs(store.audit.query({ client: 'cli_1', since: 1_010, limit: 2 })), [26, 29]);
  assert.deepEqual(store.audit.query({ client: 'cli_nobody' }), []);
});

test('all() pages through more rows than one page, in order', (t) => {
  const { store } = fresh(t);
  fill(store, 2_345);
  let expected = 1;
  for (const row of store.audit.all()) assert.equal(row.seq, expected++);
  assert.equal(expected, 2_346);
  assert.deepEqual(store.audit.verify(), { ok: true, rows: 2_345 });
});

test('the database refuses UPDATE and DELETE of audit rows', (t) => {
  const { store, file } = fresh(t);
  fill(store, 3);
  const db = new DatabaseSync(file);
  t.after(() => db.close());
  assert.throws(() => db.exec("UPDATE audit SET reason = 'edited' WHERE seq = 2"), /append-only/);
  assert.throws(() => db.exec('DELETE FROM audit WHERE seq = 3'), /append-only/);
  assert.deepEqual(store.audit.verify(), { ok: true, rows: 3 });
});

test('verify names the first tampered row: an edited field', (t) => {
  const { store, file } = fresh(t);
  fill(store, 10);
  attacker(t, file).exec("UPDATE audit SET kind = 'approved' WHERE seq = 4; UPDATE audit SET reason = 'x' WHERE seq = 8");
  const result = store.audit.verify();
  assert.equal(result.ok, false);
  assert.equal(result.rows, 10);
  assert.equal(result.firstBad?.seq, 4);
  assert.match(result.firstBad?.reason ?? '', /hash does not match/);
});

test('verify names the first tampered row: a deleted row shows as a gap', (t) => {
  const { store, file } = fresh(t);
  fill(store, 10);
  attacker(t, file).exec('DELETE FROM audit WHERE seq = 6');
  assert.deepEqual(store.audit.verify().firstBad, { seq: 7, reason: 'seq gap: expected seq 6, found 7' });
});

test('verify names the first tampered row: a rehashed row breaks the next link', (t) => {
  const { store, file } = fresh(t);
  fill(store, 10);
  const rows = [...store.audit.all()];
  const victim = { ...(rows[4] as NonNullable<(typeof rows)[number]>), reason: 'forged' };
  const { hash: _old, ...body } = victim;
  attacker(t, file).prepare('UPDATE audit SET reason = ?, hash = ? WHERE seq = 5').run('forged', rowHash(body));
  assert.deepEqual(store.audit.verify().firstBad, { seq: 6, reason: 'prevHash does not match the hash of seq 5' });
});

test('two stores on one file (instance and CLI) interleave appends into one valid chain', (t) => {
  const { store: instance, file } = fresh(t);
  const cli = openStore(file);
  t.after(() => cli.dispose());
  for (let i = 0; i < 50; i++) {
    instance.audit.append({ at: i, kind: 'allowed', reason: 'instance' });
    if (i % 3 === 0) cli.audit.append({ at: i, kind: 'revoked', reason: 'cli' });
  }
  assert.deepEqual(instance.audit.verify(), { ok: true, rows: 67 });
  assert.deepEqual(cli.audit.verify(), { ok: true, rows: 67 });
});

test('appendMany chains several entries in one transaction, continuing the chain', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { openStore } = await import('../../../main/core/store/open-store.ts');
  const dir = mkdtempSync(join(tmpdir(), 'hallpass-many-'));
  const store = openStore(join(dir, 'hallpass.db'));
  try {
    const first = store.audit.append({ at: 1, kind: 'kill' });
    const rows = store.audit.appendMany([{ at: 2, kind: 'call-result', reason: 'ok' }, { at: 3, kind: 'call-result', reason: 'error' }]);
    assert.deepEqual(rows.map((r) => r.seq), [2, 3]);
    assert.equal(rows[0]!.prevHash, first.hash);
    assert.equal(rows[1]!.prevHash, rows[0]!.hash);
    assert.deepEqual(store.audit.appendMany([]), []);
    assert.equal(store.audit.verify().ok, true);
    assert.equal(store.audit.query({}).length, 3);
  } finally {
    store.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
