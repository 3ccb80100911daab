/** Which base URLs may carry a token, and how request URLs are built from them. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildUrl, checkBaseUrl, segment } from '../../../main/core/connections/connector-kit/base-url.ts';

const base = (raw: string): URL => {
  const checked = checkBaseUrl(raw);
  assert.ok(checked.ok, raw);
  return checked.url;
};

describe('checkBaseUrl', () => {
  it('accepts https anywhere and http on loopback only', () => {
    for (const ok of ['https://api.github.com', 'https://ghe.example.com/api/v3/', 'http://127.0.0.1:4000', 'http://localhost:1', 'http://[::1]:8080']) {
      assert.equal(checkBaseUrl(ok).ok, true, ok);
    }
    for (const bad of ['http://api.github.com', 'http://127.0.0.2', 'http://10.0.0.1', 'ftp://x', 'file:///etc', 'https://u:p@x.example', 'https://x.example/?a=1', 'https://x.example/#f', 'nope']) {
      assert.equal(checkBaseUrl(bad).ok, false, bad);
    }
  });
});

describe('buildUrl', () => {
  it('joins base path, path and query, leaving out undefined values', () => {
    assert.equal(buildUrl(base('https://ghe.example.com/api/v3/'), '/repos/a/b', { q: 'x y', n: 2, on: true, off: undefined }).href,
      'https://ghe.example.com/api/v3/repos/a/b?q=x+y&n=2&on=true');
    assert.equal(buildUrl(base('http://127.0.0.1:9'), '/x').href, 'http://127.0.0.1:9/x');
  });
  it('never leaves the base origin', () => {
    const b = base('https://api.github.com');
    assert.equal(buildUrl(b, '//evil.example/x').origin, 'https://api.github.com');
    assert.equal(buildUrl(b, '/@evil.example').origin, 'https://api.github.com');
    assert.throws(() => buildUrl(b, 'https://evil.example/x'), /must start with/);
  });
  it('encodes segments so they cannot add path parts or a query', () => {
    assert.equal(segment('../a/b?c#d'), '..%2Fa%2Fb%3Fc%23d');
    assert.equal(buildUrl(base('https://x.example'), `/files/${segment('../../admin')}`).pathname, '/files/..%2F..%2Fadmin');
  });
});
