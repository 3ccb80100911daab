import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { approveInputSchema } from '../../../renderer/contract.ts';
import { initialChoice, toApproveInput } from '../../../renderer/features/prompt/approve-choice.ts';
import { requestView } from './support/views.ts';

const connection = fc.constantFrom('alpha', 'beta', 'gamma', 'delta');
const grant = fc.record({ connection, access: fc.constantFrom('read' as const, 'write' as const) });

test('whatever the person picks, the approval never widens the request', () => {
  fc.assert(
    fc.property(
      fc.array(grant, { minLength: 1, maxLength: 4 }),
      fc.integer({ min: 1, max: 86_400 }),
      fc.record({
        preset: fc.oneof(fc.constantFrom(5, 15, 60), fc.constant('custom' as const)),
        customMinutes: fc.oneof(fc.integer({ min: -5, max: 2000 }).map(String), fc.string()),
        keep: fc.array(fc.oneof(connection, fc.constant('not-asked')), { maxLength: 6 }),
        readOnly: fc.boolean(),
      }),
      (grants, maxTtlSeconds, choice) => {
        const request = requestView({ id: 'r', grants, maxTtlSeconds });
        const out = toApproveInput(request, choice);
        if ('problem' in out) return;
        approveInputSchema.parse(out);
        // INVARIANT: time within policy, connections a subset of those asked, access only lowered.
        assert.ok(out.ttlSeconds <= maxTtlSeconds);
        for (const c of out.connections ?? []) assert.ok(grants.some((g) => g.connection === c));
        if (out.access !== undefined) assert.equal(out.access, 'read');
        assert.ok(out.access === undefined || grants.some((g) => g.access === 'write'));
      },
    ),
  );
});

test('the prompt starts from what the agent asked, within the policy', () => {
  const asked = requestView({ id: 'r', minutes: 60, maxTtlSeconds: 1800 });
  assert.deepEqual(initialChoice(asked), { preset: 'custom', customMinutes: '30', keep: ['everything'], readOnly: false });
  const plain = requestView({ id: 'r', grants: [{ connection: 'a', access: 'read' }, { connection: 'a', access: 'write' }, { connection: 'b', access: 'read' }] });
  assert.deepEqual(initialChoice(plain), { preset: 15, customMinutes: '15', keep: ['a', 'b'], readOnly: false });
  assert.deepEqual(toApproveInput(plain, initialChoice(plain)), { ttlSeconds: 900 }, 'nothing narrowed: nothing extra sent');
  assert.deepEqual(toApproveInput(plain, { ...initialChoice(plain), keep: ['b'], readOnly: true }), { ttlSeconds: 900, connections: ['b'], access: 'read' });
});

test('bad durations and an empty scope are refused with a reason', () => {
  const r = requestView({ id: 'r', maxTtlSeconds: 600 });
  assert.match(JSON.stringify(toApproveInput(r, { ...initialChoice(r), preset: 'custom', customMinutes: '11' })), /1 to 10 minutes/);
  assert.match(JSON.stringify(toApproveInput(r, { ...initialChoice(r), preset: 'custom', customMinutes: '2.5' })), /duration/);
  assert.match(JSON.stringify(toApproveInput(r, { ...initialChoice(r), keep: [] })), /at least one connection/);
});
