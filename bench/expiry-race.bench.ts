// 100,000 calls race a session's expiry through the real gate (runtime + callGatedTool): none may be
// admitted at or after expiresAt. The connection records the clock at admission.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../main/core/store/open-store.ts';
import { Runtime } from '../main/core/runtime/runtime.ts';
import { callGatedTool } from '../main/core/gateway/call-tool.ts';
import { approve } from '../main/core/runtime/decisions.ts';
import { randomIds, silentLog, systemClock } from '../main/core/defaults.ts';
import type { Connection } from '../main/core/connections/connection-types.ts';
import type { Client } from '../main/core/model.ts';

const dir = mkdtempSync(join(tmpdir(), 'hallpass-race-'));
const store = openStore(join(dir, 'hallpass.db'));
const rt = new Runtime({ clock: systemClock, ids: randomIds, log: silentLog, store, settings: { approvalWaitMs: 0, maxTtlMs: 3600_000, requestLapseMs: 60_000 } });
const client: Client = { id: 'cli_race', name: 'race', tokenHash: '0'.repeat(64), createdAt: Date.now() };
store.clients.add(client);
let admittedLate = 0;
let admitted = 0;
let expiresAt = 0;
const connection: Connection = {
  id: 'race', status: () => 'running', statusDetail: () => undefined,
  tools: () => [{ name: 't', inputSchema: { type: 'object' }, access: 'read' }],
  async callTool() {
    admitted++;
    if (systemClock.now() >= expiresAt) admittedLate++;
    return { content: [] };
  },
  onChange: () => ({ dispose() {} }), dispose() {},
};
const entry = { connection, tool: connection.tools()[0]! };
const { request } = rt.openRequest({ clientId: client.id, task: 'race', grants: [{ connection: 'race', access: 'read' }] });
const session = approve(rt, request.id, { ttlSeconds: 1 });
expiresAt = session.expiresAt;
const signal = new AbortController().signal;
const N = 100_000;
let refused = 0;
const started = performance.now();
// Fire calls in batches without pause: the 1 s session expires part-way through the run.
for (let i = 0; i < N; i += 500) {
  const batch = [];
  for (let j = 0; j < 500; j++) batch.push(callGatedTool(rt, entry, {}, { client, signal }));
  for (const r of await Promise.all(batch)) if (r.isError) refused++;
}
console.log(JSON.stringify({ name: 'expiry-race', calls: N, admitted, refused, admittedAtOrAfterExpiry: admittedLate, budget: 0, ms: Math.round(performance.now() - started) }));
store.dispose();
rmSync(dir, { recursive: true, force: true });
