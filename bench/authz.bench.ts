// Authorization decision time with 1,000 active sessions (DESIGN.md §9: ≤ 5 µs).
import { evaluate } from '../main/core/authz/evaluate.ts';
import { SessionBook } from '../main/core/sessions/session-book.ts';
import type { Session } from '../main/core/model.ts';

const now = Date.now();
function book(clients: number): SessionBook {
  const b = new SessionBook();
  for (let i = 0; i < 1000; i++) {
    b.add({
      id: `ses_${i}`, clientId: `cli_${i % clients}`, task: 't', createdAt: now, expiresAt: now + 3600_000, calls: 0,
      grants: [{ connection: `conn-${i % 7}`, access: i % 2 ? 'read' : 'write' }, { connection: `other-${i % 5}`, access: 'read', tools: ['a', 'b'] }],
    } satisfies Session);
  }
  return b;
}

function measure(label: string, b: SessionBook, call: Parameters<typeof evaluate>[0]): Record<string, unknown> {
  const N = 200_000;
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink += evaluate(call, b.forClientConnection(call.clientId, call.connection), now, false).effect.length;
  const t = process.hrtime.bigint();
  for (let i = 0; i < N; i++) sink += evaluate(call, b.forClientConnection(call.clientId, call.connection), now, false).effect.length;
  const ns = Number(process.hrtime.bigint() - t) / N;
  return { case: label, usPerDecision: +(ns / 1000).toFixed(3), sink: sink > 0 };
}

const spread = book(100); // 1,000 active sessions over 100 clients
const single = book(1); // worst case: all 1,000 sessions belong to the calling client
console.log(JSON.stringify({
  name: 'authz-decision', activeSessions: 1000, budgetUs: 5,
  results: [
    measure('100 clients, covered', spread, { clientId: 'cli_7', connection: 'conn-0', tool: 'x', access: 'read' }),
    measure('100 clients, not covered', spread, { clientId: 'cli_7', connection: 'none', tool: 'x', access: 'read' }),
    measure('1 client, not covered (no session names that connection)', single, { clientId: 'cli_0', connection: 'none', tool: 'x', access: 'write' }),
    measure('1 client, not covered (200 of its 1,000 sessions name that connection: full scan)', single, { clientId: 'cli_0', connection: 'other-1', tool: 'a', access: 'write' }),
  ],
}));
