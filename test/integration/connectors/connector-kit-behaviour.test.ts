/** Behaviour every connector shares (refresh, needs-auth, Retry-After, abort, redaction…), shown on real fixtures. */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import { createGitHubConnection } from '../../../main/core/connections/github/github-connection.ts';
import { createGoogleDriveConnection } from '../../../main/core/connections/google-drive/google-drive-connection.ts';
import { jsonOf, startHarness, textOf, type Harness } from '../../support/fixture-harness.ts';
import { startGitHubFixture, type GitHubFixture } from '../../support/fixture-github.ts';
import { startGoogleDriveFixture, type GoogleDriveFixture } from '../../support/fixture-google-drive.ts';

const ISSUE = { owner: 'octo', repo: 'hello', number: 1 };

describe('connector kit behaviour', () => {
  let h: Harness<GitHubFixture>;
  let changes = 0;
  before(async () => {
    h = startHarness(await startGitHubFixture(), 'github', createGitHubConnection);
    h.connection.onChange(() => (changes += 1));
  });
  after(async () => {
    h.assertNoSecrets();
    await h.close();
  });
  afterEach(() => assert.equal(h.connection.status(), 'running', 'each test leaves the connection running'));

  it('on 401 refreshes once and retries with the new token', async () => {
    const old = await h.tokens.accessToken();
    h.fixture.auth.expire(old);
    const before = h.fixture.requests.length;
    assert.equal((jsonOf(await h.call('get_issue', ISSUE)) as { number: number }).number, 1);
    const [rejected, retried] = h.fixture.requests.slice(before);
    assert.equal(rejected?.headers.authorization, `Bearer ${old}`);
    assert.equal(retried?.headers.authorization, `Bearer ${await h.tokens.accessToken()}`);
    assert.notEqual(await h.tokens.accessToken(), old);
    assert.equal(h.fixture.auth.refreshes, 1);
  });

  it('shares one refresh among concurrent calls that all met the 401', async () => {
    h.fixture.auth.expire(await h.tokens.accessToken());
    const refreshesBefore = h.fixture.auth.refreshes;
    const results = await Promise.all(Array.from({ length: 8 }, () => h.call('get_issue', ISSUE)));
    assert.ok(results.every((r) => r.isError !== true));
    assert.equal(h.fixture.auth.refreshes - refreshesBefore, 1);
  });

  it('does not refresh twice when the provider still says 401', async () => {
    h.fixture.injectFault({ status: 401, json: { message: 'Bad credentials' } }, 2);
    const refreshesBefore = h.fixture.auth.refreshes;
    const result = await h.call('get_issue', ISSUE);
    assert.equal(textOf(result), 'GitHub error (HTTP 401): Bad credentials (still refused after refreshing the token; reconnect the connection if this persists)');
    assert.equal(h.fixture.auth.refreshes - refreshesBefore, 1);
  });

  it('marks the connection needs-auth when the grant is gone, and recovers after reconnecting', async () => {
    changes = 0;
    h.fixture.auth.revokeAll();
    const result = await h.call('get_issue', ISSUE);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /needs re-authorization: the provider rejected the refresh token\. Reconnect it in Hallpass/);
    assert.equal(h.connection.status(), 'needs-auth');
    assert.match(h.connection.statusDetail() ?? '', /needs re-authorization/);
    for (const token of h.fixture.auth.issued) assert.ok(!(h.connection.statusDetail() ?? '').includes(token), 'no token in the status detail');
    assert.equal(changes, 1);
    assert.equal(h.connection.tools().length, 8, 'tools stay listed; calls explain what to do');
    h.tokens.replaceGrant(h.fixture.auth.grant());
    assert.notEqual((await h.call('get_issue', ISSUE)).isError, true);
    assert.equal(h.connection.status(), 'running');
    assert.equal(changes, 2);
  });

  it('honours Retry-After on 429 (seconds) and 503 (HTTP-date)', async () => {
    const waitsBefore = h.waits.length;
    h.fixture.injectFault({ status: 429, headers: { 'retry-after': '2' }, json: { message: 'slow down' } });
    assert.notEqual((await h.call('get_issue', ISSUE)).isError, true);
    const at = new Date(Math.ceil(h.now() / 1000) * 1000 + 4000);
    h.fixture.injectFault({ status: 503, headers: { 'retry-after': at.toUTCString() }, body: 'maintenance' });
    const t0 = h.now();
    assert.notEqual((await h.call('get_issue', ISSUE)).isError, true);
    assert.deepEqual(h.waits.slice(waitsBefore), [2000, at.getTime() - t0]);
  });

  it('stops retrying after the bound, and refuses waits longer than the limit', async () => {
    const waitsBefore = h.waits.length;
    h.fixture.injectFault({ status: 429, headers: { 'retry-after': '1' }, json: { message: 'slow down' } }, 4);
    const tooMany = await h.call('get_issue', ISSUE);
    assert.equal(textOf(tooMany), 'GitHub is rate limiting requests (HTTP 429); try again in about 1 s. slow down');
    assert.deepEqual(h.waits.slice(waitsBefore), [1000, 1000, 1000]);
    h.fixture.injectFault({ status: 503, headers: { 'retry-after': '120' }, body: 'back soon' });
    const tooLong = await h.call('get_issue', ISSUE);
    assert.equal(textOf(tooLong), 'GitHub is rate limiting requests (HTTP 503); try again in about 120 s. back soon');
    assert.equal(h.waits.length - waitsBefore, 3);
    h.fixture.injectFault({ status: 503, body: 'upstream unavailable' });
    assert.equal(textOf(await h.call('get_issue', ISSUE)), 'GitHub error (HTTP 503): upstream unavailable');
  });

  it('aborts an in-flight request when the caller aborts, and rejects with the reason', async () => {
    h.fixture.injectFault({ hang: true });
    const gone = h.fixture.clientGone();
    const controller = new AbortController();
    const before = h.fixture.requests.length;
    const call = h.connection.callTool('get_issue', ISSUE, { signal: controller.signal });
    while (h.fixture.requests.length === before) await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error('session revoked'));
    await assert.rejects(call, /session revoked/);
    await gone;
  });

  it('aborts a Retry-After wait', async () => {
    const fixture = await startGitHubFixture();
    const untilAborted = (_ms: number, signal: AbortSignal): Promise<void> =>
      new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }));
    const hh = startHarness(fixture, 'github', createGitHubConnection, { sleep: untilAborted });
    try {
      fixture.injectFault({ status: 429, headers: { 'retry-after': '10' }, json: { message: 'slow down' } });
      const controller = new AbortController();
      const call = hh.call('get_issue', ISSUE, controller.signal);
      while (fixture.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
      controller.abort(new Error('killed'));
      await assert.rejects(call, /killed/);
      assert.equal(fixture.requests.length, 1, 'no retry after the abort');
    } finally {
      await hh.close();
    }
  });

  it('validates arguments before anything reaches the provider', async () => {
    const before = h.fixture.requests.length;
    const wrongType = await h.call('get_issue', { owner: 'octo', repo: 'hello', number: 'one' });
    assert.equal(wrongType.isError, true);
    assert.match(textOf(wrongType), /^invalid arguments for get_issue:\n✖ Invalid input: expected number, received string\n {2}→ at number$/);
    assert.match(textOf(await h.call('get_issue', { ...ISSUE, extra: 1 })), /Unrecognized key: "extra"/);
    assert.equal(textOf(await h.call('delete_repo', ISSUE)), 'unknown tool "delete_repo" on connection "test-github"');
    assert.equal(h.fixture.requests.length, before);
  });

  it('never puts a token in a result, even when the provider echoes it', async () => {
    const token = await h.tokens.accessToken();
    h.fixture.injectFault({ status: 400, json: { message: `token ${token} is not allowed here (Authorization: Bearer ${token})` } });
    const error = await h.call('get_issue', ISSUE);
    assert.equal(textOf(error), 'GitHub error (HTTP 400): token [redacted] is not allowed here (Authorization: Bearer [redacted])');
    const issue = { number: 9, title: `leak ${token}`, state: 'open', created_at: 'x', updated_at: 'x', html_url: 'x', body: `Bearer ${token}` };
    h.fixture.injectFault({ status: 200, json: issue });
    const echoed = await h.call('get_issue', ISSUE);
    assert.ok(!textOf(echoed).includes(token));
    assert.equal((jsonOf(echoed) as { title: string }).title, 'leak [redacted]');
  });

  it('follows same-origin redirects of GET requests and refuses others', async () => {
    h.fixture.injectFault({ status: 301, headers: { location: '/repos/octo/hello/issues/2' } });
    assert.equal((jsonOf(await h.call('get_issue', ISSUE)) as { number: number }).number, 2);
    h.fixture.injectFault({ status: 302, headers: { location: 'http://127.0.0.2:9/steal' } });
    assert.equal(textOf(await h.call('get_issue', ISSUE)), 'GitHub redirected to another origin (http://127.0.0.2:9); not following it with credentials');
    h.fixture.injectFault({ status: 307, headers: { location: '/repos/octo/hello/issues' } });
    assert.equal(textOf(await h.call('create_issue', { owner: 'octo', repo: 'hello', title: 't' })), 'GitHub answered with a redirect (HTTP 307) Hallpass does not follow');
  });

  it('stops the connection on dispose, aborting in-flight calls', async () => {
    const fixture = await startGitHubFixture();
    const hh = startHarness(fixture, 'github', createGitHubConnection);
    let notified = 0;
    hh.connection.onChange(() => (notified += 1));
    fixture.injectFault({ hang: true });
    const gone = fixture.clientGone();
    const call = hh.call('get_issue', ISSUE);
    while (fixture.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await hh.connection.dispose();
    assert.equal(textOf(await call), 'connection "test-github" was stopped during the call');
    await gone;
    assert.equal(hh.connection.status(), 'stopped');
    assert.equal(notified, 1);
    assert.equal(textOf(await hh.call('get_issue', ISSUE)), 'connection "test-github" is stopped');
    await fixture.close();
  });
});

describe('connector kit limits and configuration', () => {
  let drive: Harness<GoogleDriveFixture>;
  before(async () => {
    drive = startHarness(await startGoogleDriveFixture(), 'google-drive', createGoogleDriveConnection, {
      limits: { maxResponseBytes: 2_000, requestTimeoutMs: 200 },
    });
  });
  after(async () => {
    drive.assertNoSecrets();
    await drive.close();
  });

  it('refuses responses over the size limit, declared or streamed', async () => {
    const body = `{"files":[],"pad":"${'x'.repeat(5_000)}"}`;
    drive.fixture.injectFault({ status: 200, headers: { 'content-type': 'application/json', 'content-length': String(body.length) }, body });
    assert.equal(textOf(await drive.call('search_files', {})), "the provider's response (5021 bytes) is larger than the 2000-byte limit");
    drive.fixture.injectFault({ status: 200, headers: { 'content-type': 'application/json' }, body });
    assert.equal(textOf(await drive.call('search_files', {})), "the provider's response is larger than the 2000-byte limit");
  });

  it('does not retry a 429 without Retry-After', async () => {
    drive.fixture.injectFault({ status: 429, json: { error: { code: 429, message: 'Rate Limit Exceeded', errors: [{ reason: 'rateLimitExceeded' }] } } });
    assert.equal(textOf(await drive.call('search_files', {})), 'Google Drive error (HTTP 429): Rate Limit Exceeded (rateLimitExceeded)');
    assert.deepEqual(drive.waits, []);
  });

  it('gives up on a provider that does not answer in time', async () => {
    drive.fixture.injectFault({ hang: true });
    const gone = drive.fixture.clientGone();
    assert.equal(textOf(await drive.call('get_file_metadata', { fileId: 'fNotes' })), 'Google Drive did not answer within 1 s');
    await gone;
  });

  it('says when the provider cannot be reached', async () => {
    const port = await closedPort();
    const conn = createGoogleDriveConnection(
      { kind: 'oauth', id: 'gd', provider: 'google-drive', clientId: 'c', enabled: true, baseUrl: `http://127.0.0.1:${port}` },
      { tokenSource: drive.tokens, clock: { now: () => 0 } },
    );
    const result = await conn.callTool('get_file_metadata', { fileId: 'x' }, { signal: new AbortController().signal });
    assert.equal(textOf(result), `could not reach Google Drive at http://127.0.0.1:${port}: ECONNREFUSED`);
    await conn.dispose();
  });

  it('refuses base URLs that would send tokens in clear or with credentials', async () => {
    for (const [baseUrl, reason] of [
      ['http://drive.example.com', /must use https \(http is allowed only for loopback\)/],
      ['https://user:pw@drive.example.com', /must not contain credentials/],
      ['not a url', /is not a URL/],
    ] as const) {
      const conn = createGoogleDriveConnection(
        { kind: 'oauth', id: 'gd', provider: 'google-drive', clientId: 'c', enabled: true, baseUrl },
        { tokenSource: drive.tokens, clock: { now: () => 0 } },
      );
      assert.equal(conn.status(), 'failed');
      assert.match(conn.statusDetail() ?? '', reason);
      assert.deepEqual(conn.tools(), []);
      const result = await conn.callTool('search_files', {}, { signal: new AbortController().signal });
      assert.equal(result.isError, true);
      await conn.dispose();
    }
  });
});

/** A loopback port with nothing listening. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
