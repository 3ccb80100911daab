import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newDataKey, open, seal } from '../../../main/core/vault/envelope.ts';

test('seal → open round trip; every seal uses a fresh IV', () => {
  const key = newDataKey();
  const a = seal('{"refreshToken":"rt-1"}', key, 'Hallpass\0github\0f');
  const b = seal('{"refreshToken":"rt-1"}', key, 'Hallpass\0github\0f');
  assert.notEqual(a.iv, b.iv);
  assert.notEqual(a.data, b.data);
  assert.equal(open(a, key, 'Hallpass\0github\0f'), '{"refreshToken":"rt-1"}');
});

test('wrong key, wrong AAD (another item) or a flipped bit is refused', () => {
  const key = newDataKey();
  const sealed = seal('secret text', key, 'Hallpass\0github\0f');
  assert.throws(() => open(sealed, newDataKey(), 'Hallpass\0github\0f'));
  assert.throws(() => open(sealed, key, 'Hallpass\0drive\0f'));
  const data = Buffer.from(sealed.data, 'base64url');
  data[0] = data[0]! ^ 0x80;
  assert.throws(() => open({ ...sealed, data: data.toString('base64url') }, key, 'Hallpass\0github\0f'));
  assert.throws(() => open({ ...sealed, tag: Buffer.alloc(16).toString('base64url') }, key, 'Hallpass\0github\0f'));
});

test('keys must be 32 bytes', () => {
  assert.throws(() => seal('x', Buffer.alloc(16), 'a'), /32 bytes/);
});
