/** Status detail wording: exits, durations, stderr summaries. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clip, describeExit, formatDuration, stderrSummary } from '../../../main/core/connections/stdio/run-report.ts';

describe('run report', () => {
  it('describes how a run ended', () => {
    assert.equal(describeExit({ code: 1, signal: null, killedByUs: false }, undefined), 'exited with code 1');
    assert.equal(describeExit({ code: null, signal: 'SIGKILL', killedByUs: false }, 'Connection closed'), 'was killed by SIGKILL');
    assert.equal(describeExit({ code: null, signal: 'SIGTERM', killedByUs: true }, 'Request timed out'), 'could not initialize (Request timed out)');
    assert.equal(describeExit({ code: null, signal: 'SIGTERM', killedByUs: true }, undefined), 'was stopped with SIGTERM');
    assert.equal(describeExit({ code: 2, signal: null, killedByUs: false }, 'Connection closed'), 'exited with code 2', 'the exit code explains a crash');
    assert.equal(describeExit({ code: null, signal: null, killedByUs: false, error: new Error('spawn x ENOENT') }, undefined), 'could not start (spawn x ENOENT)');
  });

  it('formats durations for people', () => {
    assert.equal(formatDuration(850.4), '850 ms');
    assert.equal(formatDuration(2500), '2.5 s');
    assert.equal(formatDuration(30_000), '30 s');
  });

  it('summarises stderr to its last lines within a budget', () => {
    assert.equal(stderrSummary(''), undefined);
    assert.equal(stderrSummary('a\n\nb\r\nc\n'), 'a | b | c');
    assert.equal(stderrSummary('first line\nsecond\n', 10), 'second');
    assert.equal(stderrSummary('x'.repeat(50), 10), 'x'.repeat(10));
  });

  it('clips long untrusted text', () => {
    assert.equal(clip('abc', 5), 'abc');
    assert.equal(clip('abcdefgh', 5), 'abcde…');
  });
});
