// `hallpass clients add|list|remove` as a real child process against a temp data dir.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createTempHome, runCli } from '../../support/serve-process.ts';

const TOKEN = /hp_[A-Za-z0-9_-]{43}/g;

describe('hallpass clients', () => {
  let home: string;
  before(async () => { home = await createTempHome(); });
  after(async () => { await rm(home, { recursive: true, force: true }); });

  it('adds a client and prints its token with HTTP and stdio config', async () => {
    const r = await runCli(['clients', 'add', 'Claude Desktop'], { home });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const tokens = new Set(r.stdout.match(TOKEN));
    assert.equal(tokens.size, 1, 'one token');
    const [token] = tokens;
    assert.match(r.stdout, /URL: +http:\/\/127\.0\.0\.1:4255\/mcp/, 'default port when no instance runs');
    assert.ok(r.stdout.includes(`Authorization: Bearer ${token}`));
    assert.ok(r.stdout.includes(`"HALLPASS_TOKEN": "${token}"`));
    assert.ok(r.stdout.includes(`"HALLPASS_HOME": ${JSON.stringify(home)}`), 'the shim looks in the same data dir');
    assert.match(r.stdout, /"mcp"/);
  });

  it('prints one JSON object with --json, and stores only the token\'s hash', async () => {
    const r = await runCli(['clients', 'add', 'cursor', '--json'], { home });
    assert.equal(r.code, 0, r.stderr);
    const added = JSON.parse(r.stdout) as {
      id: string; name: string; token: string; mcpUrl: string;
      http: { url: string; headers: { Authorization: string } };
      stdio: { command: string; args: string[]; env: Record<string, string> };
    };
    assert.equal(added.name, 'cursor');
    assert.match(added.id, /^cli_/);
    assert.match(added.token, /^hp_[A-Za-z0-9_-]{43}$/);
    assert.equal(added.mcpUrl, 'http://127.0.0.1:4255/mcp');
    assert.equal(added.http.headers.Authorization, `Bearer ${added.token}`);
    assert.deepEqual(added.stdio.args.slice(-1), ['mcp']);
    assert.equal(added.stdio.env.HALLPASS_TOKEN, added.token);

    // SECURITY: the raw token is nowhere in the data dir (db, wal, shm); its sha256 is.
    const hash = createHash('sha256').update(added.token).digest('hex');
    let sawHash = false;
    for (const file of await readdir(home)) {
      const bytes = await readFile(join(home, file));
      assert.ok(!bytes.includes(added.token), `${file} must not contain the token`);
      sawHash ||= bytes.includes(hash);
    }
    assert.ok(sawHash, 'the token hash is stored');
  });

  it('lists clients without tokens or hashes', async () => {
    const text = await runCli(['clients', 'list'], { home });
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^ID +NAME +CREATED/m);
    assert.match(text.stdout, /Claude Desktop/);
    assert.match(text.stdout, /cursor/);
    assert.doesNotMatch(text.stdout, /hp_|[0-9a-f]{64}/);

    const json = await runCli(['clients', 'list', '--json'], { home });
    const list = JSON.parse(json.stdout) as Record<string, unknown>[];
    assert.deepEqual(list.map((c) => c.name).sort(), ['Claude Desktop', 'cursor']);
    for (const c of list) assert.deepEqual(Object.keys(c).sort(), ['createdAt', 'id', 'name']);
  });

  it('refuses a taken or invalid name with one line, exit 1', async () => {
    for (const name of ['cursor', 'bad/name', 'x'.repeat(65), ' space-first']) {
      const r = await runCli(['clients', 'add', name], { home });
      assert.equal(r.code, 1, `${name}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^hallpass: (a client named|invalid client name)[^\n]*\n$/);
    }
  });

  it('removes clients by name and by id; unknown ones fail', async () => {
    const byName = await runCli(['clients', 'remove', 'Claude Desktop'], { home });
    assert.equal(byName.code, 0, byName.stderr);
    const { id } = (JSON.parse((await runCli(['clients', 'list', '--json'], { home })).stdout) as { id: string }[])[0]!;
    const byId = await runCli(['clients', 'remove', id], { home });
    assert.equal(byId.code, 0, byId.stderr);
    const empty = await runCli(['clients', 'list', '--json'], { home });
    assert.deepEqual(JSON.parse(empty.stdout), []);
    assert.match((await runCli(['clients', 'list'], { home })).stdout, /No clients yet/);

    const unknown = await runCli(['clients', 'remove', 'nobody'], { home });
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /^hallpass: no client named or with id "nobody"/);
  });
});
