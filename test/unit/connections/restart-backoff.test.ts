/** nextRestart: doubling from the initial delay, capped, reset after a healthy run, failed after quick crashes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { defaultRestartPolicy, initialBackoff, nextRestart, type BackoffState } from '../../../main/core/connections/stdio/restart-backoff.ts';

const policy = defaultRestartPolicy;

function crashLoop(uptimes: number[]): { delays: number[]; failed: boolean[] } {
  let state: BackoffState = initialBackoff;
  const delays: number[] = [];
  const failed: boolean[] = [];
  for (const uptime of uptimes) {
    const decision = nextRestart(state, uptime, policy);
    state = decision.state;
    delays.push(decision.delayMs);
    failed.push(decision.failed);
  }
  return { delays, failed };
}

describe('nextRestart', () => {
  it('doubles from 0.5 s, is failed from the 5th quick crash on, and then retries at the 30 s cap', () => {
    const { delays, failed } = crashLoop(Array(10).fill(100));
    assert.deepEqual(delays, [500, 1000, 2000, 4000, 30_000, 30_000, 30_000, 30_000, 30_000, 30_000]);
    assert.deepEqual(failed, [false, false, false, false, true, true, true, true, true, true]);
  });

  it('caps the doubling at maxDelayMs before failing', () => {
    const lenient = { ...policy, failAfterQuickCrashes: 100 };
    let state: BackoffState = initialBackoff;
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      const decision = nextRestart(state, 0, lenient);
      state = decision.state;
      delays.push(decision.delayMs);
    }
    assert.deepEqual(delays, [500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('resets after a run that stayed up for stableAfterMs', () => {
    const { delays, failed } = crashLoop([100, 100, 100, 100, 100, 10_000, 100]);
    assert.deepEqual(delays, [500, 1000, 2000, 4000, 30_000, 500, 1000]);
    assert.deepEqual(failed, [false, false, false, false, true, false, false]);
  });

  it('property: delays stay within [initial, cap] and failed means the cap', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 60_000 }), { maxLength: 50 }), (uptimes) => {
        const { delays, failed } = crashLoop(uptimes);
        delays.forEach((delay, i) => {
          assert.ok(delay >= policy.initialDelayMs && delay <= policy.maxDelayMs);
          if (failed[i]) assert.equal(delay, policy.maxDelayMs);
          if (uptimes[i] as number >= policy.stableAfterMs) assert.equal(delay, policy.initialDelayMs);
        });
      }),
    );
  });
});
