import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGatewayHarness, resultText } from '../../support/gateway-harness.ts';
import { filesystemServerConfig } from '../../support/downstream-servers.ts';

test('server-filesystem behind the gate: a read session reads files but cannot write them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hallpass-fs-'));
  writeFileSync(join(dir, 'notes.txt'), 'the quarterly numbers');
  const h = await startGatewayHarness({ servers: [filesystemServerConfig('files', dir)] });
  try {
    const agent = await h.agent('fs-agent');
    const names = (await agent.client.listTools()).tools.map((t) => t.name);
    assert.ok(names.includes('files__read_text_file') && names.includes('files__write_file'));

    const read = agent.client.callTool({ name: 'files__read_text_file', arguments: { path: join(dir, 'notes.txt') } });
    const req = await h.pendingRequest('fs-agent');
    assert.deepEqual(req.grants, [{ connection: 'files', access: 'read' }]);
    h.serve.core.control.approve(req.id, { ttlSeconds: 60 });
    assert.match(resultText(await read), /the quarterly numbers/);

    const write = agent.client.callTool({ name: 'files__write_file', arguments: { path: join(dir, 'evil.txt'), content: 'x' } });
    const writeReq = await h.pendingRequest('fs-agent');
    assert.deepEqual(writeReq.grants, [{ connection: 'files', access: 'write' }]);
    h.serve.core.control.deny(writeReq.id);
    assert.equal((await write).isError, true);
    assert.equal(existsSync(join(dir, 'evil.txt')), false, 'nothing reached the server');

    // narrowing at approval: the person grants read although write was asked; the write still cannot pass
    const again = agent.client.callTool({ name: 'files__write_file', arguments: { path: join(dir, 'evil.txt'), content: 'x' } });
    const narrowed = await h.pendingRequest('fs-agent');
    h.serve.core.control.approve(narrowed.id, { ttlSeconds: 60, access: 'read' });
    assert.match(resultText(await again), /narrower scope/);
    assert.equal(existsSync(join(dir, 'evil.txt')), false);
    assert.equal(readFileSync(join(dir, 'notes.txt'), 'utf8'), 'the quarterly numbers');
    assert.throws(() => h.serve.core.control.approve('req_doesnotexist', { ttlSeconds: 60 }), /no request/);
  } finally {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
