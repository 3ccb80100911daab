import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe } from '../../../main/core/serve/start-serve.ts';
import { silentLog } from '../../../main/core/defaults.ts';

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

test('a corrupt database stops serve with a clear error and is left byte-for-byte untouched', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hallpass-corrupt-'));
  try {
    const db = join(dataDir, 'hallpass.db');
    writeFileSync(db, 'SQLite format 3\0 but then garbage '.repeat(200));
    const before = sha(db);
    await assert.rejects(startServe({ dataDir, port: 0, log: silentLog }), (err: Error) => {
      assert.match(err.message, /hallpass\.db/);
      return true;
    });
    assert.equal(sha(db), before);
    assert.equal(existsSync(join(dataDir, 'instance.json')), false, 'no instance announced');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a stale or garbled instance.json does not block serve; a live one does', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hallpass-stale-'));
  try {
    writeFileSync(join(dataDir, 'instance.json'), '{"pid": 999999999, "port": 1, "socket": "x", "version": "0"}');
    const first = await startServe({ dataDir, port: 0, log: silentLog });
    try {
      const info = JSON.parse(readFileSync(join(dataDir, 'instance.json'), 'utf8')) as { pid: number; port: number };
      assert.equal(info.pid, process.pid);
      assert.equal(info.port, first.port);
      // a second serve in another process would be refused: simulate by pretending instance.json names a live other pid
      writeFileSync(join(dataDir, 'instance.json'), JSON.stringify({ pid: process.ppid, port: 9, socket: 's', version: '0' }));
      await assert.rejects(startServe({ dataDir, port: 0, log: silentLog }), /already serving/);
    } finally {
      await first.close();
    }
    writeFileSync(join(dataDir, 'instance.json'), '{not json');
    const again = await startServe({ dataDir, port: 0, log: silentLog });
    await again.close();
    assert.equal(existsSync(join(dataDir, 'instance.json')), false, 'removed on clean exit');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the data dir, the socket and the control token are private to this user', async () => {
  const { statSync, chmodSync, mkdtempSync: mk } = await import('node:fs');
  const dataDir = mk(join(tmpdir(), 'hallpass-perms-'));
  chmodSync(dataDir, 0o755);
  const serve = await startServe({ dataDir, port: 0, log: silentLog });
  try {
    assert.equal(statSync(dataDir).mode & 0o777, 0o700);
    assert.equal(statSync(join(dataDir, 'hallpass.sock')).mode & 0o777, 0o600);
    assert.equal(statSync(join(dataDir, 'control.token')).mode & 0o777, 0o600);
    assert.equal(statSync(join(dataDir, 'instance.json')).mode & 0o777, 0o600);
  } finally {
    await serve.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
