import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGatewayHarness, resultText } from '../../support/gateway-harness.ts';
import { everythingServerConfig } from '../../support/downstream-servers.ts';

test('kill switch: in-flight calls abort as revoked, pending requests are denied, new calls refused until re-armed', async () => {
  const h = await startGatewayHarness({ servers: [everythingServerConfig('everything')], approvalWaitSeconds: 20 });
  try {
    const worker = await h.agent('worker');
    const first = worker.client.callTool({ name: 'everything__echo', arguments: { message: 'go' } });
    h.serve.core.control.approve((await h.pendingRequest('worker')).id, { ttlSeconds: 600 });
    await first;
    const long = [1, 2, 3].map(() => worker.client.callTool({ name: 'everything__trigger-long-running-operation', arguments: { duration: 30, steps: 30 } }));
    const asker = await h.agent('asker');
    const waiting = asker.client.callTool({ name: 'everything__echo', arguments: { message: 'please' } });
    await h.pendingRequest('asker');
    await h.until(() => h.serve.core.runtime.inFlight.size === 3, 'three calls in flight');
    const outcome = h.serve.core.control.kill();
    assert.deepEqual(outcome, { revokedSessions: 1, abortedCalls: 3, deniedRequests: 1 });
    for (const r of await Promise.all(long)) {
      assert.equal(r.isError, true);
      assert.match(resultText(r), /kill switch/);
    }
    assert.match(resultText(await waiting), /kill switch was pulled/);
    const after = await worker.client.callTool({ name: 'everything__echo', arguments: { message: 'again' } });
    assert.match(resultText(after), /locked down/);
    assert.equal(h.serve.core.control.requests().filter((r) => r.state === 'pending').length, 0, 'locked down: no new request opened');
    assert.equal(h.serve.core.control.status().lockedDown, true);
    h.serve.core.control.rearm();
    const rearmed = worker.client.callTool({ name: 'everything__echo', arguments: { message: 'fresh' } });
    const req = await h.pendingRequest('worker');
    h.serve.core.control.approve(req.id, { ttlSeconds: 60 });
    assert.match(resultText(await rearmed), /Echo: fresh/);
    const kinds = h.serve.core.control.audit({}).map((r) => r.kind);
    assert.ok(kinds.includes('kill') && kinds.includes('rearm'));
  } finally {
    await h.close();
  }
});

test('restart of Hallpass: sessions, lockdown and audit survive; expired sessions stay expired', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hallpass-restart-'));
  try {
    const h1 = await startGatewayHarness({ servers: [everythingServerConfig('everything')], dataDir });
    const agent = await h1.agent('survivor');
    const call = agent.client.callTool({ name: 'everything__echo', arguments: { message: 'before' } });
    const long = h1.serve.core.control.approve((await h1.pendingRequest('survivor')).id, { ttlSeconds: 600 });
    await call;
    const shortCall = (await h1.agent('short-lived')).client.callTool({ name: 'everything__echo', arguments: { message: 's' } });
    const short = h1.serve.core.control.approve((await h1.pendingRequest('short-lived')).id, { ttlSeconds: 1 });
    await shortCall;
    const rowsBefore = h1.serve.core.control.audit({ limit: 10_000 }).length;
    await h1.close(false);
    await new Promise((r) => setTimeout(r, 1100));

    const h2 = await startGatewayHarness({ dataDir });
    try {
      await h2.until(() => h2.serve.core.control.connections()[0]?.status === 'running', 'server running again');
      const sessions = h2.serve.core.control.sessions();
      assert.equal(sessions.find((s) => s.id === long.id)?.state, 'active');
      assert.equal(sessions.find((s) => s.id === short.id)?.state, 'expired');
      assert.ok(h2.serve.core.control.audit({ limit: 10_000 }).length >= rowsBefore);
      assert.equal(h2.serve.core.control.auditVerify().ok, true);
      // the surviving client's token still works and its session still covers the call
      const { Client, StreamableHTTPClientTransport } = await import('@modelcontextprotocol/client');
      const again = new Client({ name: 'again', version: '1' });
      await again.connect(new StreamableHTTPClientTransport(new URL(h2.serve.mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${agent.token}` } } }));
      assert.match(resultText(await again.callTool({ name: 'everything__echo', arguments: { message: 'after restart' } })), /Echo: after restart/);
      await again.close();
    } finally {
      await h2.close(false);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a downstream crash: the server restarts and calls work again', async () => {
  const h = await startGatewayHarness({ servers: [everythingServerConfig('everything')] });
  try {
    const agent = await h.agent('crash-watcher');
    const call = agent.client.callTool({ name: 'everything__echo', arguments: { message: 'one' } });
    h.serve.core.control.approve((await h.pendingRequest('crash-watcher')).id, { ttlSeconds: 600 });
    await call;
    const conn = h.serve.core.gateway.catalog().byName.get('everything__echo')!.connection as unknown as { pid(): number | undefined };
    const pid = conn.pid()!;
    process.kill(-pid, 'SIGKILL');
    await h.until(() => conn.pid() !== undefined && conn.pid() !== pid && h.serve.core.control.connections()[0]?.status === 'running', 'a restarted server', 20_000);
    const after = await agent.client.callTool({ name: 'everything__echo', arguments: { message: 'two' } });
    assert.match(resultText(after), /Echo: two/);
  } finally {
    await h.close();
  }
});
