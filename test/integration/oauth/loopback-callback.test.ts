// The loopback redirect listener: 127.0.0.1, random port, exactly one callback, then closed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listenForCallback } from '../../../main/core/connections/oauth/loopback-callback.ts';

test('other paths and methods do not count; the first callback does and closes the listener', async () => {
  const listener = await listenForCallback({ timeoutMs: 10_000 });
  try {
    const redirect = new URL(listener.redirectUri);
    assert.equal(redirect.hostname, '127.0.0.1');
    assert.ok(Number(redirect.port) > 0);
    assert.equal((await fetch(new URL('/favicon.ico', redirect))).status, 404);
    assert.equal((await fetch(redirect, { method: 'POST', body: 'code=x' })).status, 404);
    const page = fetch(`${listener.redirectUri}?code=abc&state=s1`);
    const received = await listener.received;
    assert.equal(received.searchParams.get('code'), 'abc');
    listener.respond(true, 'Done <script>alert(1)</script>');
    const answer = await page;
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    assert.equal(answer.headers.get('referrer-policy'), 'no-referrer');
    assert.match(await answer.text(), /Done &#60;script&#62;/);
    // Single use: nobody can deliver a second answer.
    await assert.rejects(fetch(`${listener.redirectUri}?code=second&state=s1`, { signal: AbortSignal.timeout(5_000) }));
  } finally {
    listener.dispose();
  }
});

test('abort and dispose reject the wait and free the port', async () => {
  const controller = new AbortController();
  const listener = await listenForCallback({ timeoutMs: 10_000, signal: controller.signal });
  controller.abort();
  await assert.rejects(listener.received, /cancelled/);
  listener.dispose();
  await assert.rejects(fetch(listener.redirectUri, { signal: AbortSignal.timeout(5_000) }));
});
