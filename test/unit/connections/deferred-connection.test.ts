import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deferredConnection } from '../../../main/core/connections/deferred-connection.ts';
import type { Connection } from '../../../main/core/connections/connection-types.ts';

function inner(extra: Partial<Connection> & { classifyCall?: (t: string, a: Record<string, unknown>) => 'read' | 'write' } = {}) {
  let disposed = false;
  const c = {
    id: 'x', status: () => 'running', statusDetail: () => undefined,
    tools: () => [{ name: 'r', inputSchema: {}, access: 'read' }, { name: 'w', inputSchema: {}, access: 'write' }],
    callTool: async (name: string) => ({ content: [{ type: 'text', text: `called ${name}` }] }),
    onChange: () => ({ dispose() {} }),
    dispose: () => { disposed = true; },
    ...extra,
  } as unknown as Connection;
  return { c, disposed: () => disposed };
}

const classify = (c: Connection, tool: string) => (c as unknown as { classifyCall(t: string, a: object): string }).classifyCall(tool, {});

test('starts as starting, then delegates; changes are announced', async () => {
  const { c } = inner();
  let release!: (x: Connection) => void;
  const d = deferredConnection('x', () => new Promise((r) => { release = r; }));
  let changes = 0;
  d.onChange(() => changes++);
  assert.equal(d.status(), 'starting');
  assert.deepEqual(d.tools(), []);
  assert.equal(classify(d, 'r'), 'write', 'nothing loaded yet: fail closed');
  const pending = d.callTool('r', {}, { signal: new AbortController().signal });
  release(c);
  assert.deepEqual((await pending).content, [{ type: 'text', text: 'called r' }]);
  assert.equal(d.status(), 'running');
  assert.equal(changes, 1);
  assert.equal(classify(d, 'r'), 'read', 'the tool\'s own class once loaded');
  assert.equal(classify(d, 'w'), 'write');
  assert.equal(classify(d, 'unknown'), 'write');
});

test('a connector\'s own per-call classification passes through', async () => {
  const { c } = inner({ classifyCall: () => 'read' });
  const d = deferredConnection('x', async () => c);
  await d.callTool('w', {}, { signal: new AbortController().signal });
  assert.equal(classify(d, 'w'), 'read');
});

test('a failed load shows as failed and calls reject clearly', async () => {
  const d = deferredConnection('x', async () => { throw new Error('module missing'); });
  await assert.rejects(d.callTool('r', {}, { signal: new AbortController().signal }), /not available: failed to load: module missing/);
  assert.equal(d.status(), 'failed');
  assert.match(d.statusDetail() ?? '', /module missing/);
});

test('disposed before it loaded: the loaded connection is disposed at once', async () => {
  const { c, disposed } = inner();
  let release!: (x: Connection) => void;
  const d = deferredConnection('x', () => new Promise((r) => { release = r; }));
  const done = d.dispose();
  release(c);
  await done;
  await new Promise((r) => setImmediate(r));
  assert.equal(disposed(), true);
});
