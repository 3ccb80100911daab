// `hallpass serve` as a real child process: what it prints and writes, one instance per data dir,
// CLI changes picked up while it runs, and a clean stop on SIGTERM.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { access, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTempHome, startServeProcess, type ServeProcess } from '../../support/serve-process.ts';

describe('hallpass serve', () => {
  let serve: ServeProcess;
  before(async () => { serve = await startServeProcess(); });
  after(async () => { await serve.stop(); });

  it('prints the MCP URL and the UI link, and writes instance.json and a private control token', async () => {
    const { stdout } = serve.output();
    assert.ok(stdout.includes(`MCP endpoint:  http://127.0.0.1:${serve.port}/mcp`), stdout);
    assert.ok(stdout.includes(`http://127.0.0.1:${serve.port}/#token=${serve.controlToken}`), stdout);
    const instance = JSON.parse(await readFile(join(serve.home, 'instance.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(instance.pid, serve.pid);
    assert.equal(instance.port, serve.port);
    assert.equal(typeof instance.socket, 'string');
    assert.equal((await stat(join(serve.home, 'control.token'))).mode & 0o777, 0o600);
    assert.equal((await serve.api('GET', '/api/status')).status, 200);
  });

  it('refuses a second serve on the same data dir', async () => {
    const r = await serve.cli(['serve', '--port', '0']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^hallpass: another Hallpass instance \(pid \d+\) is already serving/m);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  it('gives new clients the live port, and the running instance knows them', async () => {
    const r = await serve.cli(['clients', 'add', 'live-client', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const added = JSON.parse(r.stdout) as { mcpUrl: string; token: string };
    assert.equal(added.mcpUrl, serve.mcpUrl);
    let names: string[] = [];
    for (let i = 0; i < 100 && !names.includes('live-client'); i++) {
      const res = await serve.api('GET', '/api/clients');
      names = (res.body as { name: string }[]).map((c) => c.name);
      if (!names.includes('live-client')) await sleep(100);
    }
    assert.ok(names.includes('live-client'), 'the instance lists the client the CLI added');
    // The new token authenticates at once on the MCP endpoint (401 without one).
    const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } };
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    const anonymous = await fetch(serve.mcpUrl, { method: 'POST', headers, body: JSON.stringify(init) });
    assert.equal(anonymous.status, 401);
    const authed = await fetch(serve.mcpUrl, { method: 'POST', headers: { ...headers, authorization: `Bearer ${added.token}` }, body: JSON.stringify(init) });
    const body = await authed.text();
    assert.equal(authed.status, 200, body);
  });

  it('stops cleanly on SIGTERM: exit 0, instance.json removed', async () => {
    const home = await createTempHome();
    try {
      const own = await startServeProcess({ home });
      const instance = join(home, 'instance.json');
      await access(instance);
      const code = await own.stop(); // SIGTERM
      assert.equal(code, 0, own.output().stderr);
      assert.match(own.output().stderr, /Stopping \(SIGTERM\)/);
      await assert.rejects(access(instance), { code: 'ENOENT' });
      await access(join(home, 'hallpass.db'));
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
