import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startGatewayHarness, resultText, type GatewayHarness } from '../../support/gateway-harness.ts';
import { everythingServerConfig } from '../../support/downstream-servers.ts';

let h: GatewayHarness;
before(async () => { h = await startGatewayHarness({ servers: [everythingServerConfig('everything')], approvalWaitSeconds: 3 }); });
after(async () => { await h.close(); });

test('tools/list shows every tool of every server plus Hallpass\' own, the same stable list to every client', async () => {
  const a = await h.agent('lister-a');
  const b = await h.agent('lister-b');
  const la = await a.client.listTools();
  const lb = await b.client.listTools();
  const names = la.tools.map((t) => t.name);
  assert.deepEqual(names.slice(0, 2), ['hallpass__request_access', 'hallpass__status']);
  assert.ok(names.includes('everything__echo'));
  assert.ok(names.includes('everything__trigger-long-running-operation'));
  assert.deepEqual(lb.tools, la.tools, 'same list for every client');
  assert.deepEqual((await a.client.listTools()).tools.map((t) => t.name), names, 'stable order');
  const echo = la.tools.find((t) => t.name === 'everything__echo')!;
  assert.equal((echo.inputSchema as { properties?: Record<string, unknown> }).properties?.['message'] !== undefined, true, 'input schema passed through');
});

test('a call without a session waits, is approved while waiting, and returns the real result', async () => {
  const agent = await h.agent('waiter');
  const call = agent.client.callTool({ name: 'everything__echo', arguments: { message: 'hello through the gate' } });
  const req = await h.pendingRequest('waiter');
  assert.equal(req.trigger?.tool, 'everything__echo');
  assert.match(req.trigger?.argsSummary ?? '', /hello through the gate/);
  assert.deepEqual(req.grants, [{ connection: 'everything', access: 'read' }]);
  h.serve.core.control.approve(req.id, { ttlSeconds: 60 });
  const result = await call;
  assert.equal(result.isError, undefined);
  assert.match(resultText(result), /Echo: hello through the gate/);
  // the session now covers the next call without asking
  const again = await agent.client.callTool({ name: 'everything__echo', arguments: { message: 'twice' } });
  assert.match(resultText(again), /Echo: twice/);
});

test('a call that gave up waiting tells the agent what is pending; after approval the retry passes', async () => {
  const agent = await h.agent('retrier');
  const first = await agent.client.callTool({ name: 'everything__echo', arguments: { message: 'x' } });
  assert.equal(first.isError, true);
  assert.match(resultText(first), /Waiting for approval in Hallpass: request req_/);
  assert.match(resultText(first), /retry/);
  const req = await h.pendingRequest('retrier');
  h.serve.core.control.approve(req.id, { ttlSeconds: 60 });
  const retry = await agent.client.callTool({ name: 'everything__echo', arguments: { message: 'retried' } });
  assert.match(resultText(retry), /Echo: retried/);
});

test('progress notifications tell a waiting agent that a person is being asked', async () => {
  const agent = await h.agent('progress-watcher');
  const updates: string[] = [];
  const call = agent.client.callTool({ name: 'everything__echo', arguments: { message: 'p' } }, { onprogress: (p) => updates.push(p.message ?? '') });
  const req = await h.pendingRequest('progress-watcher');
  await h.until(() => updates.length > 0, 'a progress notification');
  h.serve.core.control.approve(req.id, { ttlSeconds: 60 });
  await call;
  assert.match(updates[0]!, /approve/);
});

test('deny: the agent hears "denied by the user"', async () => {
  const agent = await h.agent('denied-one');
  const call = agent.client.callTool({ name: 'everything__echo', arguments: { message: 'no' } });
  const req = await h.pendingRequest('denied-one');
  h.serve.core.control.deny(req.id);
  const result = await call;
  assert.equal(result.isError, true);
  assert.match(resultText(result), /denied by the user/i);
});

test('a session covers only what was asked: read does not cover a write tool', async () => {
  const agent = await h.agent('reader');
  const tools = (await agent.client.listTools()).tools;
  const writeTool = tools.find((t) => t.name.startsWith('everything__') && t.annotations?.readOnlyHint !== true)!;
  const call = agent.client.callTool({ name: 'everything__echo', arguments: { message: 'r' } });
  h.serve.core.control.approve((await h.pendingRequest('reader')).id, { ttlSeconds: 60 });
  await call;
  const w = agent.client.callTool({ name: writeTool.name, arguments: {} });
  const req = await h.pendingRequest('reader');
  assert.deepEqual(req.grants, [{ connection: 'everything', access: 'write' }], `${writeTool.name} has no readOnlyHint, so it needs write`);
  h.serve.core.control.deny(req.id);
  assert.equal((await w).isError, true);
});

test('expiry: a session ends at expiresAt, the next call is refused with when it ended, and a new request opens', async () => {
  const agent = await h.agent('expiring');
  const call = agent.client.callTool({ name: 'everything__echo', arguments: { message: 'e' } });
  const req = await h.pendingRequest('expiring');
  const session = h.serve.core.control.approve(req.id, { ttlSeconds: 1 });
  await call;
  await h.until(() => Date.now() > session.expiresAt, 'expiry', 5000);
  const late = await agent.client.callTool({ name: 'everything__echo', arguments: { message: 'late' } });
  assert.equal(late.isError, true);
  assert.match(resultText(late), new RegExp(`Session ${session.id} expired at`));
  const reopened = await h.pendingRequest('expiring');
  assert.notEqual(reopened.id, req.id);
  assert.equal(h.serve.core.control.sessions().find((s) => s.id === session.id)?.state, 'expired');
  h.serve.core.control.deny(reopened.id);
});

test('an in-flight call at expiry finishes', async () => {
  const agent = await h.agent('slow-expiring');
  const first = agent.client.callTool({ name: 'everything__echo', arguments: { message: 'open' } });
  const session = h.serve.core.control.approve((await h.pendingRequest('slow-expiring')).id, { ttlSeconds: 2 });
  await first;
  const long = await agent.client.callTool({ name: 'everything__trigger-long-running-operation', arguments: { duration: 3, steps: 3 } });
  assert.ok(Date.now() >= session.expiresAt, 'the call outlived the session');
  assert.equal(long.isError, undefined);
  assert.match(resultText(long), /Long running operation completed/);
});

test('revoke aborts the in-flight call with a clear "revoked" and refuses new calls at once', async () => {
  const agent = await h.agent('revoked-one');
  const first = agent.client.callTool({ name: 'everything__echo', arguments: { message: 'open' } });
  const session = h.serve.core.control.approve((await h.pendingRequest('revoked-one')).id, { ttlSeconds: 600 });
  await first;
  const long = agent.client.callTool({ name: 'everything__trigger-long-running-operation', arguments: { duration: 20, steps: 20 } });
  await h.until(() => h.serve.core.runtime.inFlight.size > 0, 'the call in flight');
  const started = Date.now();
  h.serve.core.control.revoke(session.id);
  const result = await long;
  assert.ok(Date.now() - started < 5000, 'aborted, not run to completion');
  assert.equal(result.isError, true);
  assert.match(resultText(result), /Revoked: session .* was revoked/);
  const after = await agent.client.callTool({ name: 'everything__echo', arguments: { message: 'after' } });
  assert.equal(after.isError, true);
  assert.match(resultText(after), /was revoked at/);
});

test('the audit log holds each decision and its chain verifies', () => {
  const kinds = new Set(h.serve.core.control.audit({ limit: 10_000 }).map((r) => r.kind));
  for (const k of ['allowed', 'pending', 'approved', 'denied-by-user', 'expired', 'revoked', 'call-result']) assert.ok(kinds.has(k), `audit has ${k}`);
  assert.deepEqual(h.serve.core.control.auditVerify().ok, true);
});

test('progress from the downstream server reaches the agent, and an agent\'s cancellation reaches the downstream call', async () => {
  const agent = await h.agent('progress-and-cancel');
  const open = agent.client.callTool({ name: 'everything__echo', arguments: { message: 'open' } });
  h.serve.core.control.approve((await h.pendingRequest('progress-and-cancel')).id, { ttlSeconds: 600 });
  await open;
  const progress: number[] = [];
  const done = await agent.client.callTool(
    { name: 'everything__trigger-long-running-operation', arguments: { duration: 1, steps: 4 } },
    { onprogress: (p) => progress.push(p.progress) },
  );
  assert.match(resultText(done), /completed/);
  assert.deepEqual(progress, [1, 2, 3, 4]);

  const ac = new AbortController();
  const cancelled = agent.client.callTool({ name: 'everything__trigger-long-running-operation', arguments: { duration: 30, steps: 30 } }, { signal: ac.signal });
  await h.until(() => h.serve.core.runtime.inFlight.size > 0, 'the long call in flight');
  ac.abort();
  await assert.rejects(cancelled);
  await h.until(() => h.serve.core.runtime.inFlight.size === 0, 'the downstream call aborted', 5000);
  const last = h.serve.core.control.audit({ limit: 50 }).filter((r) => r.kind === 'call-result' && r.tool === 'trigger-long-running-operation').at(-1);
  assert.match(last?.reason ?? '', /cancelled by the agent/);
});
