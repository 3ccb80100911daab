/** GitHub connector against the GitHub fixture: every tool, request shapes, rate limits. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createGitHubConnection } from '../../../main/core/connections/github/github-connection.ts';
import { jsonOf, startHarness, textOf, type Harness } from '../../support/fixture-harness.ts';
import { githubError, startGitHubFixture, type GitHubFixture } from '../../support/fixture-github.ts';

describe('GitHub connector', () => {
  let h: Harness<GitHubFixture>;
  before(async () => {
    h = startHarness(await startGitHubFixture(), 'github', createGitHubConnection);
  });
  after(async () => {
    h.assertNoSecrets();
    await h.close();
  });

  it('lists its tools with exact access classes', () => {
    const access = Object.fromEntries(h.connection.tools().map((t) => [t.name, t.access]));
    assert.deepEqual(access, {
      search_issues: 'read', list_issues: 'read', get_issue: 'read', list_pull_requests: 'read',
      get_pull_request: 'read', get_file_contents: 'read', create_issue: 'write', create_comment: 'write',
    });
  });

  it('searches issues with the documented request and headers', async () => {
    const found = jsonOf(await h.call('search_issues', { q: 'repo:octo/hello is:issue crash', perPage: 10 })) as { total_count: number; items: Array<{ number: number; is_pull_request: boolean }> };
    const req = h.fixture.last();
    assert.equal(req.path, '/search/issues');
    assert.equal(req.query.get('q'), 'repo:octo/hello is:issue crash');
    assert.equal(req.query.get('per_page'), '10');
    assert.equal(req.headers.accept, 'application/vnd.github+json');
    assert.equal(req.headers['x-github-api-version'], '2022-11-28');
    assert.equal(req.headers.authorization, `Bearer ${await h.tokens.accessToken()}`);
    assert.equal(found.total_count, 1);
    assert.deepEqual(found.items.map((i) => [i.number, i.is_pull_request]), [[1, false]]);
  });

  it('lists issues filtered by state and labels', async () => {
    const issues = jsonOf(await h.call('list_issues', { owner: 'octo', repo: 'hello', state: 'all', labels: 'docs' })) as Array<{ number: number; state: string; labels: string[] }>;
    assert.equal(h.fixture.last().path, '/repos/octo/hello/issues');
    assert.equal(h.fixture.last().query.get('state'), 'all');
    assert.equal(h.fixture.last().query.get('labels'), 'docs');
    assert.deepEqual(issues, [{ ...issues[0], number: 2, state: 'closed', labels: ['docs'] }]);
  });

  it('gets one issue with its body, and a pull request with its details', async () => {
    const issue = jsonOf(await h.call('get_issue', { owner: 'octo', repo: 'hello', number: 1 })) as Record<string, unknown>;
    assert.equal(h.fixture.last().path, '/repos/octo/hello/issues/1');
    assert.equal(issue.title, 'Crash on start');
    assert.equal(issue.body, 'The app crashes when started without a config file.');
    assert.equal(issue.author, 'alice');
    const pulls = jsonOf(await h.call('list_pull_requests', { owner: 'octo', repo: 'hello', base: 'main' })) as Array<Record<string, unknown>>;
    assert.equal(h.fixture.last().query.get('base'), 'main');
    assert.deepEqual(pulls.map((p) => [p.number, p.head, p.base, p.merged]), [[3, 'fix-crash', 'main', false]]);
    const pull = jsonOf(await h.call('get_pull_request', { owner: 'octo', repo: 'hello', number: 3 })) as Record<string, unknown>;
    assert.equal(h.fixture.last().path, '/repos/octo/hello/pulls/3');
    assert.deepEqual([pull.additions, pull.deletions, pull.changed_files, pull.mergeable], [12, 2, 1, true]);
  });

  it('reads text files, binary files and directories', async () => {
    const text = jsonOf(await h.call('get_file_contents', { owner: 'octo', repo: 'hello', path: 'src/app.ts', ref: 'main' })) as Record<string, unknown>;
    assert.equal(h.fixture.last().path, '/repos/octo/hello/contents/src/app.ts');
    assert.equal(h.fixture.last().query.get('ref'), 'main');
    assert.equal(text.text, 'export const answer = 42;\n');
    const binary = jsonOf(await h.call('get_file_contents', { owner: 'octo', repo: 'hello', path: 'assets/logo.png' })) as Record<string, unknown>;
    assert.equal(binary.base64, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00]).toString('base64'));
    const root = jsonOf(await h.call('get_file_contents', { owner: 'octo', repo: 'hello' })) as { type: string; entries: Array<{ path: string; type: string }> };
    assert.deepEqual(root.entries.map((e) => [e.path, e.type]), [['README.md', 'file'], ['src', 'dir'], ['assets', 'dir']]);
  });

  it('creates an issue and a comment, changing the fixture', async () => {
    const created = jsonOf(await h.call('create_issue', { owner: 'octo', repo: 'hello', title: 'New bug', body: 'Steps…', labels: ['bug'] })) as Record<string, unknown>;
    const req = h.fixture.last();
    assert.equal(req.method, 'POST');
    assert.equal(req.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(req.body.toString()), { title: 'New bug', body: 'Steps…', labels: ['bug'] });
    assert.equal(created.number, 4);
    assert.equal(h.fixture.issues.get(4)?.title, 'New bug');
    const comment = jsonOf(await h.call('create_comment', { owner: 'octo', repo: 'hello', number: 4, body: 'Looking into it' })) as Record<string, unknown>;
    assert.equal(h.fixture.last().path, '/repos/octo/hello/issues/4/comments');
    assert.match(String(comment.html_url), /issuecomment-/);
    assert.deepEqual(h.fixture.issues.get(4)?.comments, ['Looking into it']);
  });

  it("turns GitHub's error bodies into clear tool errors", async () => {
    const missing = await h.call('get_issue', { owner: 'octo', repo: 'nope', number: 1 });
    assert.equal(missing.isError, true);
    assert.equal(textOf(missing), 'GitHub error (HTTP 404): Not Found');
    h.fixture.injectFault(githubError(422, 'Validation Failed', [{ resource: 'Issue', field: 'title', code: 'missing_field' }]));
    const invalid = await h.call('create_issue', { owner: 'octo', repo: 'hello', title: 'x' });
    assert.equal(textOf(invalid), 'GitHub error (HTTP 422): Validation Failed: Issue title missing_field');
  });

  it('waits for x-ratelimit-reset after a primary rate limit, then retries', async () => {
    const t0 = h.now();
    const reset = Math.floor(t0 / 1000) + 5;
    h.fixture.injectFault({ status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }, json: { message: 'API rate limit exceeded for user ID 1.' } });
    const waitsBefore = h.waits.length;
    const before = h.fixture.requests.length;
    const issue = jsonOf(await h.call('get_issue', { owner: 'octo', repo: 'hello', number: 1 })) as Record<string, unknown>;
    assert.equal(issue.number, 1);
    assert.equal(h.fixture.requests.length - before, 2);
    // Until the reset (epoch seconds), plus the one-second margin against clock skew.
    assert.deepEqual(h.waits.slice(waitsBefore), [reset * 1000 - t0 + 1000]);
  });

  it('honours retry-after on a secondary rate limit', async () => {
    h.fixture.injectFault({ status: 403, headers: { 'retry-after': '3', 'x-ratelimit-remaining': '12' }, json: { message: 'You have exceeded a secondary rate limit.' } });
    const waitsBefore = h.waits.length;
    assert.notEqual((await h.call('get_issue', { owner: 'octo', repo: 'hello', number: 2 })).isError, true);
    assert.deepEqual(h.waits.slice(waitsBefore), [3000]);
  });

  it('gives up with a clear error when the reset is too far away', async () => {
    const reset = Math.floor(h.now() / 1000) + 3600;
    h.fixture.injectFault({ status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }, json: { message: 'API rate limit exceeded for user ID 1.' } });
    const waitsBefore = h.waits.length;
    const result = await h.call('list_issues', { owner: 'octo', repo: 'hello' });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /^GitHub is rate limiting requests \(HTTP 403\); try again in about 3601 s\. API rate limit exceeded/);
    assert.equal(h.waits.length, waitsBefore);
  });

  it('refuses names that could climb the API path, before any request', async () => {
    const before = h.fixture.requests.length;
    for (const args of [
      { owner: 'octo', repo: '..', number: 1 },
      { owner: '../x', repo: 'hello', number: 1 },
    ]) {
      assert.equal((await h.call('get_issue', args)).isError, true);
    }
    assert.equal((await h.call('get_file_contents', { owner: 'octo', repo: 'hello', path: 'src/../../x' })).isError, true);
    assert.equal(h.fixture.requests.length, before);
  });

  it('encodes path segments of file paths', async () => {
    const result = await h.call('get_file_contents', { owner: 'octo', repo: 'hello', path: 'docs/a b?.md' });
    assert.equal(h.fixture.last().path, '/repos/octo/hello/contents/docs/a%20b%3F.md');
    assert.equal(textOf(result), 'GitHub error (HTTP 404): Not Found');
  });
});
