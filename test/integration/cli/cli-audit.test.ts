// `hallpass audit`, `audit export`, `audit verify` as a real child process, on a real store.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openStore } from '../../../main/core/store/open-store.ts';
import type { AuditKind, AuditRow } from '../../../main/core/audit/audit-types.ts';
import { createTempHome, runCli } from '../../support/serve-process.ts';

describe('hallpass audit', () => {
  let home: string;
  before(async () => { home = await createTempHome(); });
  after(async () => { await rm(home, { recursive: true, force: true }); });

  it('shows an empty log and verifies it', async () => {
    const list = await runCli(['audit'], { home });
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /No audit rows/);
    const verify = await runCli(['audit', 'verify'], { home });
    assert.equal(verify.code, 0, verify.stderr);
    assert.match(verify.stdout, /Audit chain OK: 0 row/);
  });

  it('lists rows newest last, with --limit and --client by name or id', async () => {
    const store = openStore(join(home, 'hallpass.db'));
    try {
      store.clients.add({ id: 'cli_a', name: 'alpha', tokenHash: 'a'.repeat(64), createdAt: 1 });
      const rows: [AuditKind, string | undefined][] = [['pending', 'cli_a'], ['approved', 'cli_a'], ['allowed', 'cli_b'], ['call-result', 'cli_a'], ['kill', undefined]];
      rows.forEach(([kind, clientId], i) => store.audit.append({
        at: 1_700_000_000_000 + i * 1000, kind, ...(clientId ? { clientId, clientName: clientId === 'cli_a' ? 'alpha' : 'beta' } : {}),
        connection: 'files', tool: 'read_file', access: 'read', reason: `row ${i + 1}, "quoted", =formula`,
      }));
    } finally {
      await store.dispose();
    }
    const all = JSON.parse((await runCli(['audit', '--json'], { home })).stdout) as AuditRow[];
    assert.deepEqual(all.map((r) => r.seq), [1, 2, 3, 4, 5]);
    assert.deepEqual(all.map((r) => r.kind), ['pending', 'approved', 'allowed', 'call-result', 'kill']);
    const newest = JSON.parse((await runCli(['audit', '--json', '--limit', '2'], { home })).stdout) as AuditRow[];
    assert.deepEqual(newest.map((r) => r.seq), [4, 5]);
    const byName = JSON.parse((await runCli(['audit', '--json', '--client', 'alpha'], { home })).stdout) as AuditRow[];
    assert.deepEqual(byName.map((r) => r.seq), [1, 2, 4]);
    const byId = JSON.parse((await runCli(['audit', '--json', '--client', 'cli_b'], { home })).stdout) as AuditRow[];
    assert.deepEqual(byId.map((r) => r.seq), [3]);

    const text = await runCli(['audit', '--limit', '3'], { home });
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^SEQ +AT \(UTC\) +KIND/m);
    assert.match(text.stdout, /^3 +2023-11-14 22:13:22 +allowed +beta +files__read_file \(read\)/m);
    assert.doesNotMatch(text.stdout, /^2 /m);
  });

  it('exports JSONL to stdout and CSV to a private file', async () => {
    const jsonl = await runCli(['audit', 'export', '--format', 'jsonl'], { home });
    assert.equal(jsonl.code, 0, jsonl.stderr);
    const lines = jsonl.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as AuditRow);
    assert.deepEqual(lines.map((r) => r.seq), [1, 2, 3, 4, 5]);
    assert.equal(lines[1]!.prevHash, lines[0]!.hash, 'the chain is in the export');

    const out = join(home, 'audit.csv');
    const csv = await runCli(['audit', 'export', '--format', 'csv', '--out', out], { home });
    assert.equal(csv.code, 0, csv.stderr);
    assert.equal(csv.stdout, '');
    const rows = (await readFile(out, 'utf8')).trimEnd().split('\r\n');
    assert.equal(rows.length, 6);
    assert.match(rows[0]!, /^seq,at,kind,/);
    assert.ok(rows[1]!.includes('"row 1, ""quoted"", =formula"'), rows[1]);
    assert.equal((await stat(out)).mode & 0o777, 0o600);

    const bad = await runCli(['audit', 'export', '--format', 'xml'], { home });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^hallpass: --format must be jsonl or csv/);
  });

  it('verifies an intact chain, and fails with the first bad row when a row was altered', async () => {
    const ok = await runCli(['audit', 'verify'], { home });
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /Audit chain OK: 5 row/);

    // Tamper as an attacker with file access would: drop the append-only trigger and rewrite row 3.
    const db = new DatabaseSync(join(home, 'hallpass.db'));
    try {
      db.exec('DROP TRIGGER audit_no_update');
      db.prepare('UPDATE audit SET reason = ? WHERE seq = 3').run('nothing to see here');
    } finally {
      db.close();
    }
    const broken = await runCli(['audit', 'verify'], { home });
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /^hallpass: audit chain broken at row 3: [^\n]+\n$/);
    assert.match(broken.stdout, /First bad row \(seq 3\)/);
    assert.match(broken.stdout, /nothing to see here/);

    const json = await runCli(['audit', 'verify', '--json'], { home });
    assert.equal(json.code, 1);
    const result = JSON.parse(json.stdout) as { ok: boolean; firstBad: { seq: number }; badRow: AuditRow };
    assert.equal(result.ok, false);
    assert.equal(result.firstBad.seq, 3);
    assert.equal(result.badRow.reason, 'nothing to see here');
  });
});
