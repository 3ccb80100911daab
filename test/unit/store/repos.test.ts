// Every repository method of the Store, over a real SQLite file.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test, type TestContext } from 'node:test';
import type { ConnectionConfig } from '../../../main/core/model.ts';
import { openStore, StoreConflictError, StoreDataError } from '../../../main/core/store/open-store.ts';
import type { Store } from '../../../main/core/store/store-types.ts';
import { sampleClient, sampleRequest, sampleSession, tempDir } from './store-test-kit.ts';

function fresh(t: TestContext): { store: Store; file: string } {
  const file = join(tempDir(t), 'hallpass.db');
  const store = openStore(file);
  t.after(() => store.dispose());
  return { store, file };
}

function raw(t: TestContext, file: string): DatabaseSync {
  const db = new DatabaseSync(file);
  t.after(() => db.close());
  return db;
}

test('clients: add, list, byTokenHash, byName, remove by id or name', (t) => {
  const { store } = fresh(t);
  const [a, b] = [sampleClient(1), sampleClient(2)];
  store.clients.add(b);
  store.clients.add(a);
  assert.deepEqual(store.clients.list(), [a, b], 'oldest first');
  assert.deepEqual(store.clients.byTokenHash(b.tokenHash), b);
  assert.equal(store.clients.byTokenHash('f'.repeat(64)), undefined);
  assert.deepEqual(store.clients.byName('client 1'), a);
  assert.equal(store.clients.byName('nobody'), undefined);
  assert.equal(store.clients.remove(a.id), true);
  assert.equal(store.clients.remove('client 2'), true);
  assert.equal(store.clients.remove('client 2'), false);
  assert.deepEqual(store.clients.list(), []);
});

test('clients: an id wins over a name that looks like it', (t) => {
  const { store } = fresh(t);
  const a = sampleClient(1);
  const impostor = { ...sampleClient(2), name: a.id };
  store.clients.add(a);
  store.clients.add(impostor);
  assert.equal(store.clients.remove(a.id), true);
  assert.deepEqual(store.clients.list(), [impostor]);
});

test('clients: duplicates conflict, and a raw token never fits the hash column', (t) => {
  const { store } = fresh(t);
  store.clients.add(sampleClient(1));
  assert.throws(() => store.clients.add({ ...sampleClient(2), name: 'client 1' }), StoreConflictError);
  assert.throws(() => store.clients.add({ ...sampleClient(3), tokenHash: sampleClient(1).tokenHash }), StoreConflictError);
  assert.throws(() => store.clients.add({ ...sampleClient(4), tokenHash: 'hp_secret-token-value' }), /sha256 hex digest/);
  assert.equal(store.clients.list().length, 1);
});

test('connections: put inserts or replaces, list is ordered by id, get, remove', (t) => {
  const { store } = fresh(t);
  const files: ConnectionConfig = { kind: 'stdio', id: 'files', command: 'npx', args: ['-y', 'fs'], env: { TOKEN: 'x' }, cwd: '/tmp', enabled: true, overrides: { write_file: 'write' } };
  const remote: ConnectionConfig = { kind: 'remote', id: 'api', url: 'https://mcp.example.com/mcp', enabled: false };
  const drive: ConnectionConfig = { kind: 'oauth', id: 'drive', provider: 'google-drive', clientId: 'abc.apps', scopes: ['drive.readonly'], enabled: true };
  store.connections.put(files);
  store.connections.put(remote);
  store.connections.put(drive);
  assert.deepEqual(store.connections.list(), [remote, drive, files]);
  const disabled = { ...files, enabled: false };
  store.connections.put(disabled);
  assert.deepEqual(store.connections.get('files'), disabled);
  assert.equal(store.connections.get('nope'), undefined);
  assert.equal(store.connections.remove('api'), true);
  assert.equal(store.connections.remove('api'), false);
  assert.deepEqual(store.connections.list().map((c) => c.id), ['drive', 'files']);
});

test('connections: invalid configs are refused on write', (t) => {
  const { store } = fresh(t);
  const bad = [
    { kind: 'stdio', id: 'Bad Id', command: 'x', args: [], env: {}, enabled: true },
    { kind: 'stdio', id: 'files', command: '', args: [], env: {}, enabled: true },
    { kind: 'remote', id: 'api', url: 'file:///etc/passwd', enabled: true },
    { kind: 'remote', id: 'api', url: 'https://x.example', enabled: true, extra: 1 },
  ];
  for (const config of bad) assert.throws(() => store.connections.put(config as ConnectionConfig), StoreDataError);
  assert.deepEqual(store.connections.list(), []);
});

test('a stored row that does not parse is reported with its table and id', (t) => {
  const { store, file } = fresh(t);
  store.clients.add(sampleClient(1));
  const db = raw(t, file);
  db.prepare('INSERT INTO connections (id, config) VALUES (?, ?)').run('broken', '{not json');
  assert.throws(() => store.connections.list(), (e: unknown) => e instanceof StoreDataError && /connections row "broken" has invalid JSON in config/.test(e.message));
  db.prepare('UPDATE connections SET config = ? WHERE id = ?').run('{"kind":"stdio","id":"broken"}', 'broken');
  assert.throws(() => store.connections.get('broken'), /connections row "broken" is invalid \(command: /);
  db.prepare('UPDATE connections SET config = ? WHERE id = ?').run('{"kind":"remote","id":"other","url":"https://a.example","enabled":true}', 'broken');
  assert.throws(() => store.connections.get('broken'), /holds the config of "other"/);
  db.prepare('INSERT INTO sessions (id, client_id, task, grants, created_at, expires_at, calls) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run('ses_bad', 'cli_1', 'x', '[{"connection":"files","access":"admin"}]', 1, 2, 0);
  assert.throws(() => store.sessions.list(), /sessions row "ses_bad" is invalid \(grants\.0\.access: /);
});

test('sessions: insert, list, setCalls, revoke is idempotent', (t) => {
  const { store } = fresh(t);
  store.clients.add(sampleClient(1));
  const s1 = sampleSession('ses_1', 'cli_1', 5_000);
  const s2 = sampleSession('ses_2', 'cli_1', 4_000);
  delete s2.requestId;
  store.sessions.insert(s1);
  store.sessions.insert(s2);
  assert.deepEqual(store.sessions.list(), [s2, s1], 'ordered by creation time');
  store.sessions.setCalls('ses_1', 7);
  store.sessions.revoke('ses_1', 9_000, 'revoked by the user');
  store.sessions.revoke('ses_1', 9_500, 'kill switch');
  assert.deepEqual(store.sessions.list()[1], { ...s1, calls: 7, revokedAt: 9_000, revokeReason: 'revoked by the user' });
  assert.throws(() => store.sessions.insert(s1), StoreConflictError);
});

test('sessions and requests must belong to a client, and go with it', (t) => {
  const { store } = fresh(t);
  assert.throws(() => store.sessions.insert(sampleSession('ses_1', 'cli_ghost')), /refers to a client that does not exist/);
  assert.throws(() => store.requests.insert(sampleRequest('req_1', 'cli_ghost')), /refers to a client that does not exist/);
  store.clients.add(sampleClient(1));
  store.sessions.insert(sampleSession('ses_1', 'cli_1'));
  store.requests.insert(sampleRequest('req_1', 'cli_1'));
  store.clients.remove('cli_1');
  assert.deepEqual(store.sessions.list(), []);
  assert.deepEqual(store.requests.list(), []);
  store.requests.update({ ...sampleRequest('req_1', 'cli_1'), state: 'denied', decidedAt: 1 }); // gone: a no-op
});

test('sessions: malformed sessions are refused on write', (t) => {
  const { store } = fresh(t);
  store.clients.add(sampleClient(1));
  assert.throws(() => store.sessions.insert({ ...sampleSession('ses_1', 'cli_1'), grants: [{ connection: 'files', access: 'all' as 'read' }] }), StoreDataError);
  assert.throws(() => store.sessions.insert({ ...sampleSession('ses_1', 'cli_1'), expiresAt: 1.5 }), StoreDataError);
});

test('requests: insert, update state, grants, trigger and minutes, list', (t) => {
  const { store } = fresh(t);
  store.clients.add(sampleClient(1));
  const bare = { ...sampleRequest('req_2', 'cli_1', 2_000), minutes: 15 };
  delete bare.trigger;
  const pending = sampleRequest('req_1', 'cli_1', 3_000);
  store.requests.insert(pending);
  store.requests.insert(bare);
  assert.deepEqual(store.requests.list(), [bare, pending]);
  const joined = { ...pending, grants: [...pending.grants, { connection: 'git', access: 'write' as const }], lapsesAt: 400_000 };
  store.requests.update(joined);
  const approved = { ...joined, state: 'approved' as const, decidedAt: 10_000, sessionId: 'ses_9' };
  store.requests.update(approved);
  const lapsed = { ...bare, state: 'lapsed' as const, decidedAt: 20_000, minutes: 5 };
  store.requests.update(lapsed);
  assert.deepEqual(store.requests.list(), [lapsed, approved]);
  assert.throws(() => store.requests.insert(pending), StoreConflictError);
  assert.throws(() => store.requests.update({ ...pending, state: 'maybe' as 'pending' }), StoreDataError);
});

test('settings: get, set, overwrite', (t) => {
  const { store } = fresh(t);
  assert.equal(store.settings.get('lockedDown'), undefined);
  store.settings.set('lockedDown', 'true');
  store.settings.set('lockedDown', 'false');
  store.settings.set('empty', '');
  assert.equal(store.settings.get('lockedDown'), 'false');
  assert.equal(store.settings.get('empty'), '');
});
