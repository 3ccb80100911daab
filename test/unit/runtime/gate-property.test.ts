// Model-based property test (issue 2, "Proven by"): whatever the interleaving of agent calls, request_access,
// approvals (narrowed or widening), denials, revocations, extensions, kill, re-arm, clock steps (to the
// millisecond of expiry), cancellations, calls blocked in flight and restarts, no call reaches a connection
// outside an active session of its client, sessions never change, the kill switch holds, and every
// decision is audited in a chain that verifies. Checked against the model after every step.
import { test } from 'node:test';
import fc from 'fast-check';
import { applyOp, opArb } from './gate-ops.ts';
import { GateRun } from './gate-run.ts';

const NUM_RUNS = 300;

test('no call is admitted outside scope or after expiry, whatever the interleaving', { timeout: 120_000 }, async () => {
  await fc.assert(fc.asyncProperty(
    // approvalWaitMs: real timers of 0–5 ms give up on their own; 60 s waits end only through other steps.
    fc.constantFrom(0, 2, 5, 60_000),
    fc.array(opArb, { minLength: 1, maxLength: 50, size: 'max' }),
    async (approvalWaitMs, ops) => {
      const run = new GateRun(approvalWaitMs);
      try {
        for (const [i, op] of ops.entries()) {
          await applyOp(run, op, approvalWaitMs);
          await run.settle();
          try {
            run.check();
          } catch (error) {
            throw new Error(`after step ${i} ${JSON.stringify(op)}:\n${(error as Error).message}`);
          }
        }
      } catch (error) {
        await run.close().catch(() => {});
        throw error;
      }
      await run.close();
    },
  ), { numRuns: NUM_RUNS });
});
