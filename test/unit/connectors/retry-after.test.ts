/** Retry-After parsing and the default and GitHub retry policies. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultRetryPolicy, parseRetryAfter } from '../../../main/core/connections/connector-kit/retry-after.ts';
import { githubRetryPolicy } from '../../../main/core/connections/github/github-profile.ts';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const head = (status: number, headers: Record<string, string> = {}) => ({ status, headers: new Headers(headers) });

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP-dates', () => {
    assert.equal(parseRetryAfter('0', NOW), 0);
    assert.equal(parseRetryAfter(' 7 ', NOW), 7000);
    assert.equal(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW), 90_000);
    assert.equal(parseRetryAfter(new Date(NOW - 90_000).toUTCString(), NOW), 0, 'a date in the past means now');
  });
  it('ignores absent and malformed values', () => {
    for (const value of [null, '', '-1', '1.5', 'soon', '2025-06-01T12:00:00Z', '9999999999', 'Sun, 31 Feb nonsense GMT']) {
      assert.equal(parseRetryAfter(value, NOW), undefined, String(value));
    }
  });
});

describe('defaultRetryPolicy', () => {
  it('retries only 429 and 503 that carry Retry-After', () => {
    assert.equal(defaultRetryPolicy(head(429, { 'retry-after': '3' }), NOW), 3000);
    assert.equal(defaultRetryPolicy(head(503, { 'retry-after': '1' }), NOW), 1000);
    assert.equal(defaultRetryPolicy(head(429), NOW), undefined);
    assert.equal(defaultRetryPolicy(head(500, { 'retry-after': '1' }), NOW), undefined);
    assert.equal(defaultRetryPolicy(head(200, { 'retry-after': '1' }), NOW), undefined);
  });
});

describe('githubRetryPolicy', () => {
  const reset = String(NOW / 1000 + 30);
  it('waits until x-ratelimit-reset (+1 s margin) when the primary limit is used up', () => {
    assert.equal(githubRetryPolicy(head(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), NOW), 31_000);
    assert.equal(githubRetryPolicy(head(429, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), NOW), 31_000);
  });
  it('prefers retry-after (secondary limits)', () => {
    assert.equal(githubRetryPolicy(head(403, { 'retry-after': '5', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), NOW), 5000);
  });
  it('asks for a minute on a bare 429, and treats a bare 403 as a permission error', () => {
    assert.equal(githubRetryPolicy(head(429), NOW), 60_000);
    assert.equal(githubRetryPolicy(head(403, { 'x-ratelimit-remaining': '4999' }), NOW), undefined);
    assert.equal(githubRetryPolicy(head(404), NOW), undefined);
  });
});
