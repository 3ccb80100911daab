/** ChildTransport between the real SDK client and a real SDK server over in-process pipes. */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { PassThrough, Transform } from 'node:stream';
import { afterEach, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/client';
import { McpServer } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';
import { ChildTransport } from '../../../main/core/connections/stdio/child-transport.ts';

/** Like an OS pipe under load: everything written in one turn of the event loop arrives as one chunk. */
function coalescingPipe(): Transform {
  let pending: Buffer[] = [];
  let scheduled = false;
  const pipe: Transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      pending.push(chunk);
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          pipe.push(Buffer.concat(pending));
          pending = [];
        });
      }
      done();
    },
  });
  return pipe;
}

async function connectPair(options: { maxBufferSize?: number } = {}) {
  const toServer = new PassThrough();
  const toClient = coalescingPipe();
  const server = new McpServer({ name: 'pipe-server', version: '1.0.0' });
  server.registerTool('steps', { description: 'three progress steps, then done' }, async (ctx) => {
    const progressToken = ctx.mcpReq._meta?.progressToken;
    for (let progress = 1; progress <= 3 && progressToken !== undefined; progress++) {
      await ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken, progress, total: 3 } });
    }
    return { content: [{ type: 'text', text: 'done' }] };
  });
  server.registerTool('big', { description: 'a large result', inputSchema: z.object({ size: z.number() }) }, ({ size }) => ({
    content: [{ type: 'text', text: 'x'.repeat(size) }],
  }));
  await server.connect(new StdioServerTransport(toServer, toClient));
  const transport = new ChildTransport(toServer, toClient, options);
  const errors: Error[] = [];
  let closed = 0;
  const client = new Client({ name: 'test', version: '1.0.0' });
  await client.connect(transport);
  const onerror = transport.onerror;
  transport.onerror = (error) => {
    errors.push(error);
    onerror?.(error);
  };
  const onclose = transport.onclose;
  transport.onclose = () => {
    closed += 1;
    onclose?.();
  };
  const cleanup = async () => {
    await client.close();
    await server.close();
  };
  return { client, transport, toServer, toClient, errors, closed: () => closed, cleanup };
}

describe('ChildTransport', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it('carries requests, responses and every progress notification, even when they share a chunk with the response', async () => {
    const pair = await connectPair();
    cleanup = pair.cleanup;
    for (let i = 0; i < 20; i++) {
      const seen: number[] = [];
      const result = await pair.client.callTool({ name: 'steps', arguments: {} }, { onprogress: (p) => seen.push(p.progress) });
      assert.deepEqual(result.content, [{ type: 'text', text: 'done' }]);
      assert.deepEqual(seen, [1, 2, 3], `call ${i}`);
    }
  });

  it('skips non-JSON lines silently, reports JSON that is not JSON-RPC, and keeps working', async () => {
    const pair = await connectPair();
    cleanup = pair.cleanup;
    pair.toClient.write('server log line on stdout\n{"not":"json-rpc"}\n');
    const result = await pair.client.callTool({ name: 'steps', arguments: {} });
    assert.deepEqual(result.content, [{ type: 'text', text: 'done' }]);
    assert.equal(pair.errors.length, 1);
    assert.equal(pair.closed(), 0);
  });

  it('closes on a message bigger than maxBufferSize, failing the call instead of buffering without bound', async () => {
    const pair = await connectPair({ maxBufferSize: 4096 });
    cleanup = pair.cleanup;
    await assert.rejects(pair.client.callTool({ name: 'big', arguments: { size: 10_000 } }), /closed/i);
    assert.match(pair.errors[0]?.message ?? '', /exceeded maximum size/);
    assert.equal(pair.closed(), 1);
    await assert.rejects(pair.transport.send({ jsonrpc: '2.0', method: 'notifications/initialized' }), /closed/);
  });

  it('close() ends the child stdin (servers exit on EOF) and reports the close once', async () => {
    const pair = await connectPair();
    cleanup = pair.cleanup;
    const ended = once(pair.toServer, 'finish');
    await pair.transport.close();
    await pair.transport.close();
    await ended;
    assert.equal(pair.closed(), 1);
  });

  it('reports the close when the child stdout ends', async () => {
    const pair = await connectPair();
    cleanup = pair.cleanup;
    pair.toClient.end();
    pair.toClient.resume();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(pair.closed(), 1);
  });

  it('cannot be started twice', async () => {
    const transport = new ChildTransport(new PassThrough(), new PassThrough());
    await transport.start();
    await assert.rejects(transport.start(), /already started/);
    await transport.close();
  });
});
