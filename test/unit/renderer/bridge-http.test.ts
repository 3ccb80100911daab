import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { validatedBridge } from '../../../renderer/bridge.ts';
import { BridgeError, createHttpBridge } from '../../../renderer/bridge-http.ts';
import type { ControlEvent } from '../../../renderer/contract.ts';
import { createFakeBridge } from './support/fake-bridge.ts';
import { statusView } from './support/views.ts';

const TOKEN = 'control-token-0123456789';

/** A real HTTP server speaking the control API's wire format, scripted per test. */
async function withServer(
  handle: (req: IncomingMessage, res: ServerResponse, body: string) => void,
  run: (origin: string, seen: { method: string; url: string; body: string }[]) => Promise<void>,
): Promise<void> {
  const seen: { method: string; url: string; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body });
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'unauthorized' }));
        return;
      }
      handle(req, res, body);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen);
  } finally {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  }
}

const json = (res: ServerResponse, status: number, value: unknown): void =>
  void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));

test('commands go to their routes with the bearer token; answers are validated', async () => {
  await withServer((req, res, body) => {
    if (req.url === '/api/status') return json(res, 200, statusView());
    if (req.url === '/api/requests') return json(res, 200, [{ id: 'x', surprise: true }]);
    if (req.url?.startsWith('/api/requests/r%2F1/approve')) return json(res, 404, { error: `no such request (${body})` });
    if (req.url?.startsWith('/api/audit/export')) return void res.writeHead(200, { 'content-type': 'text/csv' }).end('seq,kind\n');
    if (req.url?.startsWith('/api/audit')) return json(res, 200, []);
    json(res, 500, { nope: 1 });
  }, async (origin, seen) => {
    const bridge = createHttpBridge({ origin, token: TOKEN, fetch, onUnauthorized: () => assert.fail('token is good') });
    assert.equal((await bridge.status()).maxTtlSeconds, 3600);
    await assert.rejects(bridge.requests(), /Unrecognized key|Invalid input|expected/);
    await assert.rejects(bridge.approve('r/1', { ttlSeconds: 60 }), (err: unknown) => err instanceof BridgeError && err.status === 404 && /no such request \(\{"ttlSeconds":60\}\)/.test(err.message));
    await assert.rejects(bridge.approve('r/1', { ttlSeconds: 0 }), /too_small|>=1/i, 'bad input is refused before it is sent');
    assert.equal(await bridge.auditExport('csv'), 'seq,kind\n');
    assert.deepEqual(await bridge.audit({ since: 5, limit: 10 }), []);
    await assert.rejects(bridge.kill(), (err: unknown) => err instanceof BridgeError && err.message === 'HTTP 500');
    assert.deepEqual(seen.map((s) => `${s.method} ${s.url}`), [
      'GET /api/status', 'GET /api/requests', 'POST /api/requests/r%2F1/approve', 'GET /api/audit/export?format=csv',
      'GET /api/audit?since=5&limit=10', 'POST /api/kill',
    ]);
    bridge.dispose();
  });
});

test('a refused token is reported once per refusal and the call fails', async () => {
  await withServer(() => assert.fail('never authorised'), async (origin) => {
    let refused = 0;
    const bridge = createHttpBridge({ origin, token: 'wrong-token-0123456789', fetch, onUnauthorized: () => refused++ });
    await assert.rejects(bridge.sessions(), (err: unknown) => err instanceof BridgeError && err.status === 401);
    assert.equal(refused, 1);
    bridge.dispose();
  });
});

test('events arrive over SSE, bad ones are dropped, and a dropped stream reconnects with a full refetch', async () => {
  let streams = 0;
  await withServer((req, res) => {
    if (req.url !== '/api/events') return json(res, 404, { error: 'no' });
    streams++;
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.flushHeaders();
    if (streams === 1) {
      res.write(': keep-alive\n\n');
      res.write('data: {"type":"sess');
      setTimeout(() => {
        res.write('ions"}\r\n\r\ndata: {"type":"nope"}\n\ndata: not json\n\n');
        res.end();
      }, 20);
    }
  }, async (origin) => {
    const links: boolean[] = [];
    const bridge = createHttpBridge({ origin, token: TOKEN, fetch, onUnauthorized: () => assert.fail('good token'), onLink: (up) => links.push(up) });
    const events: ControlEvent['type'][] = [];
    const all = ['status', 'requests', 'sessions', 'connections', 'clients', 'audit'];
    const off = bridge.onEvent((e) => events.push(e.type));
    try {
      for (let i = 0; i < 500 && events.length < 13; i++) await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(events, [...all, 'sessions', ...all]);
      assert.deepEqual(links, [true, false, true]);
    } finally {
      off();
      bridge.dispose();
    }
  });
  assert.equal(streams, 2);
});

test('the validated bridge drops events and answers that break the contract', async () => {
  const fake = createFakeBridge(() => 0);
  const raw = { ...fake, status: async () => ({ lockedDown: 'no' }) } as unknown as typeof fake;
  const bridge = validatedBridge(raw);
  await assert.rejects(bridge.status());
  const seen: unknown[] = [];
  const off = bridge.onEvent((e) => seen.push(e));
  fake.put({ clients: [] });
  assert.deepEqual(seen, [{ type: 'clients' }]);
  off();
  assert.equal(fake.listenerCount(), 0);
});

test('Connect, Disconnect and Connect an agent go to their routes; a non-web sign-in address never reaches the page', async () => {
  let address = 'https://accounts.example.com/auth?state=s1';
  await withServer((req, res) => {
    if (req.url === '/api/connections/drive/connect') return json(res, 200, { authorizationUrl: address });
    if (req.url === '/api/connections/drive/disconnect') return json(res, 200, { revocation: 'not-offered' });
    if (req.url === '/api/agents/install') return json(res, 200, { file: '/h/.cursor/mcp.json', action: 'created', plan: '+ "hallpass"', dryRun: true, clientName: 'Cursor', warnings: [] });
    if (req.url === '/api/agents') return json(res, 200, [{ client: 'cursor', name: 'Cursor', scopes: ['user', 'project'], file: '/h/.cursor/mcp.json', installed: true, state: 'connected', token: 'hp_leak' }]);
    json(res, 404, { error: 'no' });
  }, async (origin, seen) => {
    const bridge = createHttpBridge({ origin, token: TOKEN, fetch, onUnauthorized: () => assert.fail('token is good') });
    assert.deepEqual(await bridge.connect('drive'), { authorizationUrl: address });
    address = 'javascript:alert(1)';
    await assert.rejects(bridge.connect('drive'), /Invalid URL|protocol/i);
    await assert.rejects(bridge.connect('../kill'), /connection ids/, 'a bad id is refused before it is sent');
    assert.deepEqual(await bridge.disconnect('drive'), { revocation: 'not-offered' });
    assert.equal((await bridge.installAgent({ client: 'cursor', dryRun: true })).action, 'created');
    await assert.rejects(bridge.installAgent({ client: 'cursor', force: true } as never), /Unrecognized key/);
    await assert.rejects(bridge.agentStatus(), /Unrecognized key/, 'answers with more than the contract are refused');
    assert.deepEqual(seen.map((s) => `${s.method} ${s.url} ${s.body}`), [
      'POST /api/connections/drive/connect {}', 'POST /api/connections/drive/connect {}', 'POST /api/connections/drive/disconnect {}',
      'POST /api/agents/install {"client":"cursor","dryRun":true}', 'GET /api/agents ',
    ]);
    bridge.dispose();
  });
});
