/** The stderr tail: bounded, newest kept, secrets redacted even across chunk and window edges. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createTailBuffer } from '../../../main/core/connections/stdio/stderr-tail.ts';

describe('createTailBuffer', () => {
  it('keeps only the newest characters', () => {
    const tail = createTailBuffer(10);
    tail.append('0123456789');
    tail.append('abc');
    assert.equal(tail.read(), '3456789abc');
  });

  it('redacts secret values, but not values too short to be secrets', () => {
    const tail = createTailBuffer(200, ['hunter2-long-secret', 'on']);
    tail.append('token hunter2-long-');
    tail.append('secret rejected; retry on error');
    assert.equal(tail.read(), 'token [redacted] rejected; retry on error');
  });

  it('does not show the end of a secret that started before the window', () => {
    const tail = createTailBuffer(10, ['ABCDEFGHIJ']);
    tail.append('xxABCDEFGHIJyyy');
    assert.equal(tail.read(), 'dacted]yyy');
  });

  it('prefers the longer of two secrets that share a start, even when the text arrives one character at a time', () => {
    const tail = createTailBuffer(40, ['SECRETX', 'SECRETXYZ']);
    for (const char of 'a SECRETXYZ b') tail.append(char);
    assert.equal(tail.read(), 'a [redacted] b');
  });

  it('masks the start of a secret that was cut off mid-write', () => {
    const tail = createTailBuffer(40, ['tok_0123456789']);
    tail.append('auth failed for tok_0123');
    assert.equal(tail.read(), 'auth failed for [redacted]');
  });

  it('property: no character of a secret shows, however the text is chunked and wherever the window cuts', () => {
    fc.assert(
      fc.property(
        // Secrets are upper-case, the rest of stderr is digits and spaces: any upper-case letter in the output is a leak.
        fc.stringMatching(/^[A-Z]{6,20}$/),
        fc.array(fc.stringMatching(/^[0-9 ]{0,30}$/), { maxLength: 8 }),
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1, maxLength: 10 }),
        (secret, noise, limit, cuts) => {
          const text = noise.join(secret);
          const tail = createTailBuffer(limit, [secret]);
          let offset = 0;
          for (let i = 0; offset < text.length; i++) {
            const size = cuts[i % cuts.length] as number;
            tail.append(text.slice(offset, offset + size));
            offset += size;
          }
          const out = tail.read();
          assert.ok(out.length <= limit);
          assert.ok(!/[A-Z]/.test(out), JSON.stringify({ out, secret }));
        },
      ),
    );
  });
});
