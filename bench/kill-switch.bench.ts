// Kill switch: trigger → 1,000 in-flight calls (to a real server-everything, long-running operation)
// answered "revoked", and a new call denied. DESIGN.md §9: ≤ 50 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../main/core/store/open-store.ts';
import { Runtime } from '../main/core/runtime/runtime.ts';
import { callGatedTool } from '../main/core/gateway/call-tool.ts';
import { approve, kill } from '../main/core/runtime/decisions.ts';
import { randomIds, silentLog, systemClock } from '../main/core/defaults.ts';
import { createStdioConnection } from '../main/core/connections/stdio/stdio-connection.ts';
import { everythingServerConfig } from '../test/support/downstream-servers.ts';
import type { Client } from '../main/core/model.ts';

const IN_FLIGHT = 1000;
const dir = mkdtempSync(join(tmpdir(), 'hallpass-kill-'));
const store = openStore(join(dir, 'hallpass.db'));
const rt = new Runtime({ clock: systemClock, ids: randomIds, log: silentLog, store, settings: { approvalWaitMs: 0, maxTtlMs: 3600_000, requestLapseMs: 60_000 } });
const client: Client = { id: 'cli_kill', name: 'kill', tokenHash: '0'.repeat(64), createdAt: Date.now() };
store.clients.add(client);
const connection = createStdioConnection(everythingServerConfig('everything'), { clock: systemClock, log: silentLog });
while (connection.status() !== 'running') await new Promise((r) => setTimeout(r, 20));
const tool = connection.tools().find((t) => t.name === 'trigger-long-running-operation')!;
const { request } = rt.openRequest({ clientId: client.id, task: 'kill bench', grants: [{ connection: 'everything', access: 'write' }] });
approve(rt, request.id, { ttlSeconds: 3600 });
const signal = new AbortController().signal;
const calls = Array.from({ length: IN_FLIGHT }, () => callGatedTool(rt, { connection, tool }, { duration: 60, steps: 60 }, { client, signal }));
while (rt.inFlight.size < IN_FLIGHT) await new Promise((r) => setTimeout(r, 10));
await new Promise((r) => setTimeout(r, 200)); // let every request reach the server

const t0 = performance.now();
const outcome = kill(rt);
// A new call arriving right after the switch is pulled, while the 1,000 aborted ones are being answered.
const nextCall = callGatedTool(rt, { connection, tool }, { duration: 1, steps: 1 }, { client, signal }).then((r) => ({ r, ms: performance.now() - t0 }));
const results = await Promise.all(calls);
const answeredMs = performance.now() - t0;
const { r: next, ms: newCallMs } = await nextCall;
const totalMs = Math.max(answeredMs, newCallMs);
const revoked = results.filter((r) => r.isError && JSON.stringify(r.content).includes('kill switch')).length;
console.log(JSON.stringify({
  name: 'kill-switch', inFlight: IN_FLIGHT, abortedCalls: outcome.abortedCalls, answeredRevoked: revoked,
  newCallDenied: next.isError === true && JSON.stringify(next.content).includes('locked down'),
  msToAllAnswered: +answeredMs.toFixed(2), msToNewCallDenied: +newCallMs.toFixed(2), msKillComplete: +totalMs.toFixed(2), budgetMs: 50,
}));
await connection.dispose();
store.dispose();
rmSync(dir, { recursive: true, force: true });
