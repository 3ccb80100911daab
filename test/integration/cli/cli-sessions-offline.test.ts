// `hallpass sessions`, `revoke`, `kill`, `rearm` with no instance running: they act on the database
// through the core's own decisions, and audit each one.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openStore } from '../../../main/core/store/open-store.ts';
import type { Store } from '../../../main/core/store/store-types.ts';
import type { SessionView } from '../../../main/core/control/schemas.ts';
import { createTempHome, runCli } from '../../support/serve-process.ts';

const HOUR = 3_600_000;

describe('hallpass sessions / revoke / kill / rearm without a running instance', () => {
  let home: string;
  const withStore = async <T>(fn: (store: Store) => T): Promise<T> => {
    const store = openStore(join(home, 'hallpass.db'));
    try { return fn(store); } finally { await store.dispose(); }
  };
  const sessions = async (all = true) => JSON.parse((await runCli(['sessions', '--json', ...(all ? ['--all'] : [])], { home })).stdout) as SessionView[];

  before(async () => {
    home = await createTempHome();
    // A stale instance file (its process is gone) must not make the CLI look for an instance.
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(join(home, 'instance.json'), JSON.stringify({ pid: gone, port: 1, socket: join(home, 'hallpass.sock'), version: '0' }));
    const now = Date.now();
    await withStore((store) => {
      store.clients.add({ id: 'cli_a', name: 'alpha', tokenHash: 'a'.repeat(64), createdAt: now });
      const base = { clientId: 'cli_a', grants: [{ connection: 'files', access: 'read' as const }], calls: 0 };
      store.sessions.insert({ ...base, id: 'ses_active1', task: 'summarise the reports', createdAt: now, expiresAt: now + HOUR });
      store.sessions.insert({ ...base, id: 'ses_active2', task: 'second task', createdAt: now, expiresAt: now + HOUR });
      store.sessions.insert({ ...base, id: 'ses_old', task: 'long done', createdAt: now - 2 * HOUR, expiresAt: now - HOUR });
      store.requests.insert({ id: 'req_wait', clientId: 'cli_a', task: 'more', grants: [{ connection: 'files', access: 'write' }], createdAt: now, lapsesAt: now + HOUR, state: 'pending' });
    });
  });
  after(async () => { await rm(home, { recursive: true, force: true }); });

  it('lists active sessions, or all of them with --all, with their state', async () => {
    const text = await runCli(['sessions'], { home });
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^ID +CLIENT +STATE +ENDS/m);
    assert.match(text.stdout, /^ses_active1 +alpha +active +in (59m|1h) +0 +files:read +summarise the reports$/m);
    assert.doesNotMatch(text.stdout, /ses_old/);
    const all = await sessions();
    assert.deepEqual(all.map((s) => [s.id, s.state]).sort(), [['ses_active1', 'active'], ['ses_active2', 'active'], ['ses_old', 'expired']]);
    assert.deepEqual((await sessions(false)).map((s) => s.id).sort(), ['ses_active1', 'ses_active2']);
  });

  it('revokes one session in the database and audits it', async () => {
    const r = await runCli(['revoke', 'ses_active1'], { home });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Revoked session ses_active1 of alpha through the database/);
    assert.equal((await sessions()).find((s) => s.id === 'ses_active1')?.state, 'revoked');
    const audit = await withStore((store) => store.audit.query({}));
    assert.deepEqual(audit.map((a) => [a.kind, a.sessionId, a.clientName]), [['revoked', 'ses_active1', 'alpha']]);

    const again = await runCli(['revoke', 'ses_active1'], { home });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /^hallpass: session ses_active1 is already revoked\n$/);
    const unknown = await runCli(['revoke', 'ses_nope'], { home });
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /^hallpass: no session ses_nope\n$/);
  });

  it('kill revokes every active session, denies pending requests and locks down until rearm', async () => {
    const k = await runCli(['kill'], { home });
    assert.equal(k.code, 0, k.stderr);
    assert.match(k.stdout, /1 session\(s\) revoked, 0 call\(s\) aborted, 1 request\(s\) denied/);
    assert.match(k.stdout, /locked down/);
    const all = await sessions();
    assert.deepEqual(all.map((s) => [s.id, s.state]).sort(), [['ses_active1', 'revoked'], ['ses_active2', 'revoked'], ['ses_old', 'expired']]);
    const state = await withStore((store) => ({
      request: store.requests.list().find((r) => r.id === 'req_wait')?.state,
      lockedDown: store.settings.get('lockedDown'),
      kinds: store.audit.query({}).map((a) => a.kind),
    }));
    assert.deepEqual(state, { request: 'denied', lockedDown: 'true', kinds: ['revoked', 'kill'] });

    const re = await runCli(['rearm'], { home });
    assert.equal(re.code, 0, re.stderr);
    assert.match(re.stdout, /Re-armed/);
    const after = await withStore((store) => ({ lockedDown: store.settings.get('lockedDown'), kinds: store.audit.query({}).map((a) => a.kind), verify: store.audit.verify().ok }));
    assert.deepEqual(after, { lockedDown: 'false', kinds: ['revoked', 'kill', 'rearm'], verify: true });
    const again = await runCli(['rearm'], { home });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /not locked down/);
    assert.equal(await withStore((store) => store.audit.query({}).length), 3, 'nothing to audit');
  });
});
