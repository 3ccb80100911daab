import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startGatewayHarness, type GatewayHarness } from '../../support/gateway-harness.ts';
import { everythingServerConfig } from '../../support/downstream-servers.ts';

let h: GatewayHarness;
let token: string;
before(async () => {
  h = await startGatewayHarness({ servers: [everythingServerConfig('everything')] });
  token = h.serve.core.control.addClient('edge-tester').token;
});
after(async () => { await h.close(); });

/** A raw HTTP request (node:http lets us set any Host header). */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: h.serve.port, path, method: options.method ?? 'POST', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

const mcpHeaders = (extra: Record<string, string> = {}) => ({
  'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${token}`, ...extra,
});
const listTools = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });

test('no token → 401; a wrong token → 401', async () => {
  const none = await raw('/mcp', { headers: { 'content-type': 'application/json' }, body: listTools });
  assert.equal(none.status, 401);
  assert.match(none.body, /Bearer/);
  const wrong = await raw('/mcp', { headers: mcpHeaders({ authorization: 'Bearer hp_not-a-real-token' }), body: listTools });
  assert.equal(wrong.status, 401);
});

test('a foreign Host or Origin → 403, before anything else', async () => {
  const host = await raw('/mcp', { headers: mcpHeaders({ host: 'evil.example:4255' }), body: listTools });
  assert.equal(host.status, 403);
  const origin = await raw('/mcp', { headers: mcpHeaders({ origin: 'https://evil.example' }), body: listTools });
  assert.equal(origin.status, 403);
  const api = await raw('/api/sessions', { method: 'GET', headers: { host: 'rebind.example' } });
  assert.equal(api.status, 403);
  const ok = await raw('/mcp', { headers: mcpHeaders({ origin: `http://localhost:${h.serve.port}` }), body: listTools });
  assert.equal(ok.status, 200);
});

test('an oversized body → 413', async () => {
  const huge = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'everything__echo', arguments: { message: 'x'.repeat(5 * 1024 * 1024) } } });
  const res = await raw('/mcp', { headers: mcpHeaders(), body: huge });
  assert.equal(res.status, 413);
});

test('malformed JSON-RPC gets a JSON-RPC error, not a crash', async () => {
  const notJson = await raw('/mcp', { headers: mcpHeaders(), body: '{"jsonrpc": "2.0", "id": 1, "method": ' });
  assert.ok(notJson.status >= 400 && notJson.status < 500, `status ${notJson.status}`);
  assert.match(notJson.body, /"error"/);
  const notRpc = await raw('/mcp', { headers: mcpHeaders(), body: JSON.stringify({ hello: 'world' }) });
  assert.ok(notRpc.status >= 400 && notRpc.status < 500, `status ${notRpc.status}`);
  // still serving afterwards
  const fine = await raw('/mcp', { headers: mcpHeaders(), body: listTools });
  assert.equal(fine.status, 200);
  assert.match(fine.body, /everything__echo/);
});

test('unknown tools and wrong argument types get clear errors', async () => {
  const agent = await h.agent('bad-input-agent');
  await assert.rejects(agent.client.callTool({ name: 'nope__nothing', arguments: {} }), /Unknown tool: nope__nothing/);
  const badName = await raw('/mcp', { headers: mcpHeaders(), body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 42 } }) });
  assert.match(badName.body, /"error"/);
  const badArgs = await raw('/mcp', { headers: mcpHeaders(), body: JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'hallpass__request_access', arguments: { task: 5, connections: 'all', access: 'root' } } }) });
  assert.match(badArgs.body, /Invalid arguments/);
});

test('the control API needs the control token and validates its input', async () => {
  const controlToken = (await import('node:fs')).readFileSync(`${h.dataDir}/control.token`, 'utf8').trim();
  const auth = { authorization: `Bearer ${controlToken}`, 'content-type': 'application/json' };
  assert.equal((await raw('/api/sessions', { method: 'GET' })).status, 401);
  assert.equal((await raw('/api/sessions', { method: 'GET', headers: { authorization: `Bearer ${token}` } })).status, 401, 'a client token is not a control token');
  assert.equal((await raw('/api/sessions', { method: 'GET', headers: auth })).status, 200);
  const bad = await raw('/api/requests/req_doesnotexist/approve', { headers: auth, body: JSON.stringify({ ttlSeconds: 'soon' }) });
  assert.equal(bad.status, 400);
  const missing = await raw('/api/requests/req_doesnotexist/approve', { headers: auth, body: JSON.stringify({ ttlSeconds: 60 }) });
  assert.equal(missing.status, 404);
  const junk = await raw('/api/kill', { headers: auth, body: '{nope' });
  assert.equal(junk.status, 400);
  assert.equal((await raw('/api/nothing', { method: 'GET', headers: auth })).status, 404);
});
