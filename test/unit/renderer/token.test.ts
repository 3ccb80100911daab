import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forgetToken, keepToken, takeToken } from '../../../renderer/token.ts';
import type { TokenPlace } from '../../../renderer/token.ts';

function place(hash: string): TokenPlace & { replaced: string[]; store: Map<string, string> } {
  const store = new Map<string, string>();
  const replaced: string[] = [];
  return {
    location: { hash, pathname: '/', search: '?x=1' },
    history: { replaceState: (_d, _u, url) => void replaced.push(url) },
    storage: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v), removeItem: (k) => void store.delete(k) },
    replaced,
    store,
  };
}

test('the token moves from the fragment into this tab and the fragment is stripped', () => {
  const p = place('#token=abcdefghijklmnop0123456789');
  assert.equal(takeToken(p), 'abcdefghijklmnop0123456789');
  assert.deepEqual(p.replaced, ['/?x=1']);
  p.location.hash = '';
  assert.equal(takeToken(p), 'abcdefghijklmnop0123456789', 'a reload keeps it');
});

test('without a fragment or with a malformed token there is none, but the fragment is still stripped', () => {
  assert.equal(takeToken(place('')), undefined);
  const bad = place('#token=has%20space%20inside-it-long');
  assert.equal(takeToken(bad), undefined);
  assert.equal(bad.replaced.length, 1);
});

test('a typed token is kept and a refused one forgotten', () => {
  const p = place('');
  keepToken(p, 'typedtokentypedtoken');
  assert.equal(takeToken(p), 'typedtokentypedtoken');
  forgetToken(p);
  assert.equal(takeToken(p), undefined);
});
