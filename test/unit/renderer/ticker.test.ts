import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTicker } from '../../../renderer/stores/ticker.ts';
import { manualTimers } from './support/manual-timers.ts';

test('one timer serves every listener, aligned to whole seconds', () => {
  const timers = manualTimers(1_000_250);
  const ticker = createTicker(timers);
  const seen: number[] = [];
  const offA = ticker.subscribe(() => seen.push(ticker.now()));
  const offB = ticker.subscribe(() => undefined);
  assert.equal(timers.pending(), 1);
  timers.advance(3000);
  assert.deepEqual(seen.map((t) => t % 1000), [250, 5, 5, 5], 'read at subscribe, then just after each second');
  assert.equal(timers.pending(), 1);
  offA();
  offB();
  assert.equal(timers.pending(), 0, 'no listener, no timer');
});

test('now is read from the clock at each tick, so a sleep is caught up at once', () => {
  const timers = manualTimers(5_000);
  const ticker = createTicker(timers);
  const off = ticker.subscribe(() => undefined);
  timers.jump(3_600_000);
  ticker.tick();
  assert.equal(ticker.now(), 3_605_000);
  off();
});

test('now stays stable between ticks and dispose drops everything', () => {
  const timers = manualTimers(10_000);
  const ticker = createTicker(timers);
  let calls = 0;
  ticker.subscribe(() => calls++);
  calls = 0;
  timers.jump(400);
  assert.equal(ticker.now(), 10_000);
  ticker.dispose();
  timers.advance(5000);
  assert.equal(calls, 0);
  assert.equal(timers.pending(), 0);
});

test('a listener joining between ticks re-reads the clock, for everyone', () => {
  const timers = manualTimers(20_000);
  const ticker = createTicker(timers);
  let early = 0;
  const offA = ticker.subscribe(() => early++);
  timers.jump(700);
  const offB = ticker.subscribe(() => undefined);
  assert.equal(ticker.now(), 20_700);
  assert.equal(early, 2, 'the first listener heard the fresh time too');
  assert.equal(timers.pending(), 1);
  offA();
  offB();
});
