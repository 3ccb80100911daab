// The SSRF guard: every URL a remote server makes Hallpass request (itself, its metadata, its authorization
// server, redirects) must be https to a public address unless the server was added for development.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isNonPublicAddress } from '../../../main/core/connections/remote/address-policy.ts';
import { connectRemote } from '../../../main/core/connections/remote/connect-remote.ts';
import { BlockedUrlError, checkUrl, createGuardedFetch, type Lookup } from '../../../main/core/connections/remote/ssrf-guard.ts';
import { createMemoryVaultForTests } from '../../../main/core/vault/memory-vault.ts';
import { capturedLog, manualClock } from '../../support/oidc-harness.ts';

/** A resolver for made-up names: public ones, private ones, and one that mixes both (DNS games). */
const lookup: Lookup = async (host) => {
  const table: Record<string, string[]> = {
    'mcp.example.com': ['93.184.216.34'],
    'auth.example.com': ['93.184.216.35'],
    'internal.example.com': ['10.0.0.5'],
    'metadata.example.com': ['169.254.169.254'],
    'mixed.example.com': ['93.184.216.36', '127.0.0.1'],
    'v6local.example.com': ['::1'],
  };
  const found = table[host];
  if (!found) throw new Error('ENOTFOUND');
  return found;
};
const strict = { allowLoopback: false, lookup };
const dev = { allowLoopback: true, lookup };

test('address classes: loopback, private, link-local, CGNAT, mapped and unique-local are not public', () => {
  for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fc00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a00:1', 'not-an-ip']) {
    assert.equal(isNonPublicAddress(a), true, a);
  }
  for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) assert.equal(isNonPublicAddress(a), false, a);
});

test('checkUrl: https to public hosts only, unless the server is a development one', async () => {
  assert.equal((await checkUrl('https://mcp.example.com/mcp', strict)).host, 'mcp.example.com');
  for (const [url, why] of [
    ['http://mcp.example.com/mcp', /must use https/],
    ['https://internal.example.com/', /loopback or private/],
    ['https://metadata.example.com/latest', /loopback or private/],
    ['https://mixed.example.com/', /loopback or private/],
    ['https://v6local.example.com/', /loopback or private/],
    ['https://127.0.0.1/', /loopback or private/],
    ['https://[::ffff:127.0.0.1]/', /loopback or private/],
    ['https://user:pw@mcp.example.com/', /credentials/],
    ['file:///etc/passwd', /file:/],
    ['https://nowhere.example.com/', /cannot resolve/],
  ] as const) {
    await assert.rejects(checkUrl(url, strict), (e: unknown) => e instanceof BlockedUrlError && why.test(e.message), url);
  }
  assert.ok(await checkUrl('http://127.0.0.1:3000/mcp', dev));
  assert.ok(await checkUrl('http://internal.example.com/', dev));
  await assert.rejects(checkUrl('http://mcp.example.com/', dev), /must use https/);
  await assert.rejects(checkUrl('http://mixed.example.com/', dev), /must use https/);
});

test('guarded fetch: follows same-origin redirects after checking them; refuses cross-origin and private hops', async () => {
  const seen: string[] = [];
  const routes: Record<string, () => Response> = {
    'https://mcp.example.com/a': () => new Response(null, { status: 302, headers: { location: '/b' } }),
    'https://mcp.example.com/b': () => new Response('ok'),
    'https://mcp.example.com/away': () => new Response(null, { status: 302, headers: { location: 'https://auth.example.com/x' } }),
    'https://mcp.example.com/private': () => new Response(null, { status: 307, headers: { location: 'https://internal.example.com/' } }),
  };
  const base = (async (input: string | URL | Request) => {
    const url = String(input instanceof Request ? input.url : input);
    seen.push(url);
    const route = routes[url];
    return route ? route() : new Response('not found', { status: 404 });
  }) as typeof fetch;
  const guarded = createGuardedFetch({ ...strict, fetch: base });
  assert.equal(await (await guarded('https://mcp.example.com/a')).text(), 'ok');
  await assert.rejects(guarded('https://mcp.example.com/away'), /refusing a redirect from https:\/\/mcp.example.com to https:\/\/auth.example.com/);
  await assert.rejects(guarded('https://mcp.example.com/private'), /loopback or private/);
  await assert.rejects(guarded('http://mcp.example.com/a'), /must use https/);
  assert.ok(!seen.some((u) => u.includes('auth.example.com') || u.includes('internal.example.com')), 'no request left for a refused target');
});

test('connectRemote: protected-resource metadata pointing at an internal authorization server is refused before any request to it', async () => {
  const seen: string[] = [];
  const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  const base = (async (input: string | URL | Request) => {
    const url = String(input instanceof Request ? input.url : input);
    seen.push(url);
    if (url === 'https://mcp.example.com/mcp') {
      return new Response('{}', { status: 401, headers: { 'www-authenticate': 'Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"' } });
    }
    if (url === 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp') {
      return json({ resource: 'https://mcp.example.com/mcp', authorization_servers: ['https://internal.example.com'] });
    }
    return new Response('not found', { status: 404 });
  }) as typeof fetch;
  let opened = false;
  await assert.rejects(
    connectRemote(
      { kind: 'remote', id: 'evil', url: 'https://mcp.example.com/mcp', enabled: true },
      { vault: createMemoryVaultForTests(), clock: manualClock(), log: capturedLog(), opener: async () => void (opened = true), fetch: base, lookup, timeoutMs: 5_000 },
    ),
    /refusing https:\/\/internal\.example\.com/,
  );
  assert.equal(opened, false);
  assert.ok(!seen.some((u) => u.includes('internal.example.com')));
});

test('a remote config with http and no development switch is refused', async () => {
  await assert.rejects(
    connectRemote({ kind: 'remote', id: 'x', url: 'http://mcp.example.com/mcp', enabled: true }, { vault: createMemoryVaultForTests(), clock: manualClock(), log: capturedLog(), opener: async () => {}, lookup }),
    /must use https/,
  );
});
