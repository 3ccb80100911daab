import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { startGatewayHarness, resultText } from '../../support/gateway-harness.ts';
import { fixtureServerConfig } from '../../support/downstream-servers.ts';

const CLI = join(import.meta.dirname, '..', '..', '..', 'main', 'cli', 'index.ts');

test('through the stdio shim: gated calls work and a server\'s tool change reaches the agent as tools/list_changed', async () => {
  const h = await startGatewayHarness({ servers: [fixtureServerConfig('fixture')] });
  const { token } = h.serve.core.control.addClient('stdio-agent');
  const agent = new Client({ name: 'stdio-agent', version: '1' });
  let changed = 0;
  agent.setNotificationHandler('notifications/tools/list_changed', () => { changed++; });
  try {
    await agent.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp'], env: { ...process.env, HALLPASS_HOME: h.dataDir, HALLPASS_TOKEN: token } as Record<string, string> }));
    const before = (await agent.listTools()).tools.map((t) => t.name);
    assert.ok(before.includes('fixture__add-tool'));
    assert.ok(!before.includes('fixture__fresh'));

    const call = agent.callTool({ name: 'fixture__add-tool', arguments: { name: 'fresh' } });
    const req = await h.pendingRequest('stdio-agent');
    assert.deepEqual(req.grants, [{ connection: 'fixture', access: 'write' }]);
    h.serve.core.control.approve(req.id, { ttlSeconds: 60 });
    assert.equal((await call).isError, undefined);

    await h.until(() => changed > 0, 'tools/list_changed at the agent', 10_000);
    const after = (await agent.listTools()).tools.map((t) => t.name);
    assert.ok(after.includes('fixture__fresh'));
    assert.match(resultText(await agent.callTool({ name: 'fixture__read-only', arguments: {} })), /read/);
  } finally {
    await agent.close();
    await h.close();
  }
});
