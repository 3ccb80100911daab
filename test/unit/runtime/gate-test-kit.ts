// Small helpers for the focused runtime tests: a world per test (removed after it), calls, pending requests.
import type { TestContext } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { AccessRequest } from '../../../main/core/model.ts';
import type { AuditKind } from '../../../main/core/audit/audit-types.ts';
import type { CallArgs } from './downstream-double.ts';
import { openGateWorld, resultText, settle, type GateWorld } from './gate-world.ts';

/** A world disposed when the test ends (in-flight calls released first). */
export function worldFor(t: TestContext, approvalWaitMs = 0): GateWorld {
  const world = openGateWorld({ approvalWaitMs });
  t.after(async () => {
    for (const r of world.downstream.receipts) r.release();
    await settle();
    world.dispose();
  });
  return world;
}

/** A started call and what came of it so far. */
export interface Started {
  caller: AbortController;
  args: CallArgs;
  result: Promise<CallToolResult>;
  /** The answer's text, once answered. */
  text(): Promise<string>;
}

/** Starts a call of client `i` (0–2) to `exposedName`. */
export function start(world: GateWorld, i: number, exposedName: string, extra: Omit<CallArgs, 'callNo'> = {}): Started {
  const caller = new AbortController();
  const args: CallArgs = { callNo: world.nextCallNo(), ...extra };
  const result = world.call(world.clients[i]!, exposedName, args, caller);
  return { caller, args, result, text: async () => resultText(await result) };
}

/** Whether the downstream received this call. */
export function received(world: GateWorld, call: Started): boolean {
  return world.downstream.receipts.some((r) => r.args.callNo === call.args.callNo);
}

/** The receipt of this call (throws when the downstream never got it). */
export function receiptOf(world: GateWorld, call: Started) {
  const r = world.downstream.receipts.find((x) => x.args.callNo === call.args.callNo);
  if (!r) throw new Error(`call #${call.args.callNo} never reached the downstream`);
  return r;
}

/** The newest pending request of client `i`. */
export function pendingOf(world: GateWorld, i: number): AccessRequest {
  const now = world.clock.now();
  const r = world.rt.requests.all().filter((x) => x.clientId === world.clients[i]!.id && world.rt.requests.stateAt(x, now) === 'pending').at(-1);
  if (!r) throw new Error(`client ${i} has no pending request`);
  return r;
}

/** Audit row kinds in order. */
export function auditKinds(world: GateWorld): AuditKind[] {
  world.rt.flush();
  return [...world.store.audit.all()].map((r) => r.kind);
}
