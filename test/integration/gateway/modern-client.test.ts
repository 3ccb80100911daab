import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { startGatewayHarness, resultText } from '../../support/gateway-harness.ts';
import { everythingServerConfig } from '../../support/downstream-servers.ts';

test('a client of spec 2026-07-28 (modern era, per-request envelope) lists and calls through the gate', async () => {
  const h = await startGatewayHarness({ servers: [everythingServerConfig('everything')] });
  const { token } = h.serve.core.control.addClient('modern-agent');
  const agent = new Client({ name: 'modern-agent', version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
  try {
    await agent.connect(new StreamableHTTPClientTransport(new URL(h.serve.mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
    const names = (await agent.listTools()).tools.map((t) => t.name);
    assert.ok(names.includes('everything__echo') && names.includes('hallpass__status'));

    const call = agent.callTool({ name: 'everything__echo', arguments: { message: 'modern' } });
    const req = await h.pendingRequest('modern-agent');
    h.serve.core.control.approve(req.id, { ttlSeconds: 60 });
    assert.match(resultText(await call), /Echo: modern/);

    const progress: number[] = [];
    const long = await agent.callTool({ name: 'everything__trigger-long-running-operation', arguments: { duration: 1, steps: 2 } }, { onprogress: (p) => progress.push(p.progress) });
    assert.match(resultText(long), /completed/);
    assert.deepEqual(progress, [1, 2]);

    const status = await agent.callTool({ name: 'hallpass__status', arguments: {} });
    assert.match(resultText(status), /Active sessions:/);
  } finally {
    await agent.close();
    await h.close();
  }
});
