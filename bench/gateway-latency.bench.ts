// Added latency and throughput of a gated call through `hallpass serve` against calling the same
// stdio server (server-everything `echo`) directly with the SDK client, measured in one run.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { everythingServerConfig } from '../test/support/downstream-servers.ts';
import { api, benchHome, summarize } from './bench-util.ts';

const CALLS = 600;
const WARMUP = 100;

async function timeCalls(call: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await call();
  const out: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const t = performance.now();
    await call();
    out.push(performance.now() - t);
  }
  return out;
}

const cfg = everythingServerConfig('everything');
const direct = new Client({ name: 'bench-direct', version: '1' });
await direct.connect(new StdioClientTransport({ command: cfg.command, args: cfg.args }));

const h = benchHome();
h.cli(['servers', 'add', 'everything', '--', cfg.command, ...cfg.args]);
const { token } = JSON.parse(h.cli(['clients', 'add', 'bench', '--json'])) as { token: string };
const { port, controlToken } = await h.serve();
const gated = new Client({ name: 'bench-gated', version: '1' });
await gated.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
// wait for the server to be listed, then open and approve a session
for (;;) {
  const { tools } = await gated.listTools();
  if (tools.some((t) => t.name === 'everything__echo')) break;
  await new Promise((r) => setTimeout(r, 50));
}
const first = gated.callTool({ name: 'everything__echo', arguments: { message: 'open' } });
let pending: { id: string } | undefined;
while (!pending) {
  pending = (await api(port, controlToken, 'GET', '/api/requests') as { id: string; state: string }[]).find((r) => r.state === 'pending');
  await new Promise((r) => setTimeout(r, 20));
}
await api(port, controlToken, 'POST', `/api/requests/${pending.id}/approve`, { ttlSeconds: 3600 });
await first;

// interleave the two so machine noise hits both alike
const directMs: number[] = [];
const gatedMs: number[] = [];
for (let round = 0; round < 3; round++) {
  directMs.push(...await timeCalls(() => direct.callTool({ name: 'echo', arguments: { message: 'bench' } })));
  gatedMs.push(...await timeCalls(() => gated.callTool({ name: 'everything__echo', arguments: { message: 'bench' } })));
}
/** Calls per second with `concurrency` callers sharing one client, `total` calls in all. */
async function throughput(call: () => Promise<unknown>, concurrency: number, total: number): Promise<number> {
  let left = total;
  const t = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => { while (left-- > 0) await call(); }));
  return total / ((performance.now() - t) / 1000);
}
const CONCURRENCY = 8;
const directConcurrent = await throughput(() => direct.callTool({ name: 'echo', arguments: { message: 'bench' } }), CONCURRENCY, 3000);
const gatedConcurrent = await throughput(() => gated.callTool({ name: 'everything__echo', arguments: { message: 'bench' } }), CONCURRENCY, 3000);

const d = summarize(directMs);
const g = summarize(gatedMs);
console.log(JSON.stringify({
  name: 'gateway-latency', calls: directMs.length,
  directP50ms: +d.p50.toFixed(3), directP99ms: +d.p99.toFixed(3), gatedP50ms: +g.p50.toFixed(3), gatedP99ms: +g.p99.toFixed(3),
  addedP50ms: +(g.p50 - d.p50).toFixed(3), addedP99ms: +(g.p99 - d.p99).toFixed(3),
  directCallsPerSecond: Math.round(d.perSecond), gatedCallsPerSecond: Math.round(g.perSecond), throughputRatio: +(g.perSecond / d.perSecond).toFixed(3),
  concurrency: CONCURRENCY, directConcurrentPerSecond: Math.round(directConcurrent), gatedConcurrentPerSecond: Math.round(gatedConcurrent),
  concurrentThroughputRatio: +(gatedConcurrent / directConcurrent).toFixed(3),
  budget: { addedP50ms: 0.5, addedP99ms: 2, throughputRatio: 0.8 },
}));
await gated.close();
await direct.close();
await h.close();
