/** A small stdio MCP server (SDK v2) for what the reference servers cannot show: runtime tool changes,
 * grandchildren, a log of the cancellations it received, and tools with unusual annotations. */
import { spawn } from 'node:child_process';
import { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';

const text = (value: unknown) => ({ content: [{ type: 'text' as const, text: typeof value === 'string' ? value : JSON.stringify(value) }] });

function createFixtureServer(): McpServer {
  const server = new McpServer({ name: 'hallpass-test-fixture', version: '1.0.0' }, { capabilities: { tools: { listChanged: true } } });
  const cancelled: { requestId: string | number; reason: string }[] = [];
  const added = new Map<string, { remove(): void }>();

  server.registerTool('read-only', { description: 'readOnlyHint true', annotations: { readOnlyHint: true } }, () => text('read'));
  server.registerTool('no-annotations', { description: 'no annotations at all' }, () => text('write'));
  server.registerTool('not-destructive', { description: 'destructiveHint false only', annotations: { destructiveHint: false } }, () => text('write'));
  server.registerTool(
    'read-only-false',
    { description: 'readOnlyHint false, destructiveHint false', annotations: { readOnlyHint: false, destructiveHint: false } },
    () => text('write'),
  );

  server.registerTool('block', { description: 'Reports progress 0 once started, then waits until cancelled and records it.' }, async (ctx) => {
    const { id, signal, _meta } = ctx.mcpReq;
    const done = new Promise<ReturnType<typeof text>>((resolve) => {
      signal.addEventListener('abort', () => {
        cancelled.push({ requestId: id, reason: String(signal.reason) });
        resolve(text('cancelled'));
      }, { once: true });
    });
    const progressToken = _meta?.progressToken;
    if (progressToken !== undefined) await ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken, progress: 0, message: 'started' } });
    return done;
  });
  server.registerTool('cancellations', { description: 'The cancellations received so far.', annotations: { readOnlyHint: true } }, () => text(cancelled));

  server.registerTool(
    'add-tool',
    { description: 'Registers a tool at runtime (the SDK sends tools/list_changed).', inputSchema: z.object({ name: z.string() }) },
    ({ name }) => {
      added.set(name, server.registerTool(name, { description: 'added at runtime', annotations: { readOnlyHint: true } }, () => text(name)));
      return text(`added ${name}`);
    },
  );
  server.registerTool('remove-tool', { description: 'Removes a tool added at runtime.', inputSchema: z.object({ name: z.string() }) }, ({ name }) => {
    added.get(name)?.remove();
    added.delete(name);
    return text(`removed ${name}`);
  });

  const ghost = server.registerTool('ghost', { description: 'Disappears quietly when hide-ghost is called.' }, () => text('boo'));
  server.registerTool('hide-ghost', { description: 'Disables ghost WITHOUT tools/list_changed, so a client calling it gets a JSON-RPC error.' }, () => {
    const notify = server.sendToolListChanged;
    server.sendToolListChanged = () => {};
    ghost.disable();
    server.sendToolListChanged = notify;
    return text('ghost hidden');
  });

  server.registerTool('spawn-grandchild', { description: 'Starts a long-sleeping child of this server; returns its pid.' }, () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    return text({ pid: child.pid });
  });
  server.registerTool('get-env', { description: 'Returns one environment variable.', inputSchema: z.object({ name: z.string() }), annotations: { readOnlyHint: true } }, ({ name }) =>
    text({ value: process.env[name] ?? null }),
  );
  return server;
}

if (process.env.FIXTURE_STDERR) process.stderr.write(`${process.env.FIXTURE_STDERR}\n`);
if (process.env.FIXTURE_EXIT_CODE) process.exit(Number(process.env.FIXTURE_EXIT_CODE));
serveStdio(() => createFixtureServer());
