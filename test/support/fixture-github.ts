/** A fixture of GitHub's REST API (2022-11-28): issues, pulls, contents, search, with rate-limit headers. */
import { ghUser, seedRepo, type GhIssue } from './fixture-github-data.ts';
import { jsonBody, startFixtureServer, type FixtureReply, type FixtureServer, type RecordedRequest } from './fixture-server.ts';

const DOCS = 'https://docs.github.com/rest';
const REPO = 'octo/hello';

/** The GitHub fixture and the repository it serves. */
export interface GitHubFixture extends FixtureServer {
  issues: Map<number, GhIssue>;
}

/** GitHub's documented error body. */
export function githubError(status: number, message: string, errors?: unknown[]): FixtureReply {
  return { status, json: { message, documentation_url: DOCS, status: String(status), ...(errors ? { errors } : {}) } };
}

/** Starts a fixture serving octo/hello. */
export async function startGitHubFixture(): Promise<GitHubFixture> {
  const { issues, files } = seedRepo();
  let remaining = 5000;
  const withLimits = (reply: FixtureReply, resource = 'core'): FixtureReply => {
    remaining -= 1;
    const limits = { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': '1748782800', 'x-ratelimit-used': String(5000 - remaining), 'x-ratelimit-resource': resource };
    return { ...reply, headers: { ...limits, ...reply.headers } };
  };
  const issueJson = (issue: GhIssue): Record<string, unknown> => ({
    url: `https://api.github.com/repos/${REPO}/issues/${issue.number}`,
    html_url: `https://github.com/${REPO}/${issue.isPull ? 'pull' : 'issues'}/${issue.number}`,
    id: 9000 + issue.number, node_id: `I_${issue.number}`, number: issue.number, title: issue.title, user: ghUser(issue.author),
    labels: issue.labels.map((name, i) => ({ id: i + 1, name, color: 'ededed' })), state: issue.state,
    state_reason: issue.state === 'closed' ? 'completed' : null, assignees: [], comments: issue.comments.length,
    created_at: issue.createdAt, updated_at: issue.createdAt, closed_at: issue.state === 'closed' ? issue.createdAt : null, body: issue.body,
    ...(issue.isPull ? { pull_request: { url: `https://api.github.com/repos/${REPO}/pulls/${issue.number}`, merged_at: null } } : {}),
  });
  const pullJson = (pull: GhIssue): Record<string, unknown> => ({
    ...issueJson(pull), html_url: `https://github.com/${REPO}/pull/${pull.number}`, draft: false, merged_at: null,
    head: { ref: pull.head, sha: 'abc123', label: `octo:${pull.head}` }, base: { ref: pull.base, sha: 'def456', label: `octo:${pull.base}` },
    mergeable: true, commits: 1, additions: 12, deletions: 2, changed_files: 1,
  });
  const page = <T>(items: T[], req: RecordedRequest): T[] => {
    const size = Number(req.query.get('per_page') ?? '30');
    const start = (Number(req.query.get('page') ?? '1') - 1) * size;
    return items.slice(start, start + size);
  };

  const route = (req: RecordedRequest): FixtureReply => {
    if (req.method === 'GET' && req.path === '/search/issues') return withLimits(search(req), 'search');
    const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(req.path);
    if (m === null) return githubError(404, 'Not Found');
    if (`${decodeURIComponent(m[1] as string)}/${decodeURIComponent(m[2] as string)}` !== REPO) return withLimits(githubError(404, 'Not Found'));
    const rest = m[3] ?? '';
    let r: RegExpExecArray | null;
    if (req.method === 'GET' && rest === '/issues') {
      const state = req.query.get('state') ?? 'open';
      const labels = req.query.get('labels')?.split(',').filter(Boolean) ?? [];
      const list = [...issues.values()]
        .filter((i) => state === 'all' || i.state === state)
        .filter((i) => labels.every((l) => i.labels.includes(l)))
        .sort((a, b) => b.number - a.number);
      return withLimits({ status: 200, json: page(list, req).map(issueJson) });
    }
    if (req.method === 'POST' && rest === '/issues') {
      const body = jsonBody(req) as { title?: unknown; body?: unknown; labels?: unknown };
      if (typeof body.title !== 'string' || body.title === '') {
        return withLimits(githubError(422, 'Validation Failed', [{ resource: 'Issue', field: 'title', code: 'missing_field' }]));
      }
      const issue: GhIssue = {
        number: issues.size + 1, title: body.title, body: typeof body.body === 'string' ? body.body : '', state: 'open',
        labels: Array.isArray(body.labels) ? body.labels.map(String) : [], author: 'hallpass-user', comments: [], isPull: false, createdAt: '2025-06-01T12:00:00Z',
      };
      issues.set(issue.number, issue);
      return withLimits({ status: 201, json: issueJson(issue), headers: { location: `https://api.github.com/repos/${REPO}/issues/${issue.number}` } });
    }
    if ((r = /^\/issues\/(\d+)$/.exec(rest)) && req.method === 'GET') {
      const issue = issues.get(Number(r[1]));
      return withLimits(issue ? { status: 200, json: issueJson(issue) } : githubError(404, 'Not Found'));
    }
    if ((r = /^\/issues\/(\d+)\/comments$/.exec(rest)) && req.method === 'POST') {
      const issue = issues.get(Number(r[1]));
      const body = (jsonBody(req) as { body?: unknown }).body;
      if (issue === undefined) return withLimits(githubError(404, 'Not Found'));
      if (typeof body !== 'string' || body === '') return withLimits(githubError(422, 'Validation Failed', [{ resource: 'IssueComment', field: 'body', code: 'missing_field' }]));
      issue.comments.push(body);
      const id = 7000 + issue.comments.length;
      return withLimits({ status: 201, json: { id, body, user: ghUser('hallpass-user'), created_at: '2025-06-01T12:00:00Z', html_url: `https://github.com/${REPO}/issues/${issue.number}#issuecomment-${id}` } });
    }
    if (req.method === 'GET' && rest === '/pulls') {
      const state = req.query.get('state') ?? 'open';
      const base = req.query.get('base');
      const list = [...issues.values()].filter((i) => i.isPull && (state === 'all' || i.state === state) && (base === null || i.base === base));
      return withLimits({ status: 200, json: page(list, req).map(pullJson) });
    }
    if ((r = /^\/pulls\/(\d+)$/.exec(rest)) && req.method === 'GET') {
      const pull = issues.get(Number(r[1]));
      return withLimits(pull?.isPull ? { status: 200, json: pullJson(pull) } : githubError(404, 'Not Found'));
    }
    if ((r = /^\/contents(?:\/(.*))?$/.exec(rest)) && req.method === 'GET') return withLimits(contents(r[1] ?? '', req));
    return withLimits(githubError(404, 'Not Found'));
  };

  const contents = (rawPath: string, req: RecordedRequest): FixtureReply => {
    const ref = req.query.get('ref');
    if (ref !== null && ref !== 'main') return githubError(404, `No commit found for the ref ${ref}`);
    const path = rawPath.split('/').map(decodeURIComponent).join('/').replace(/\/$/, '');
    const entry = files.get(path);
    if (entry === undefined) return githubError(404, 'Not Found');
    const describe = (p: string): Record<string, unknown> => {
      const e = files.get(p);
      return { type: e?.type, name: p.split('/').at(-1), path: p, sha: `sha-${p}`, size: e?.type === 'file' ? e.content.length : 0, url: `https://api.github.com/repos/${REPO}/contents/${p}` };
    };
    if (entry.type === 'dir') {
      const children = [...files.keys()].filter((p) => p !== path && p.startsWith(path === '' ? '' : `${path}/`) && !p.slice(path === '' ? 0 : path.length + 1).includes('/'));
      return { status: 200, json: children.map(describe) };
    }
    return { status: 200, json: { ...describe(path), encoding: 'base64', content: entry.content.toString('base64').replace(/(.{60})/g, '$1\n') } };
  };

  const search = (req: RecordedRequest): FixtureReply => {
    const q = req.query.get('q');
    if (q === null || q === '') return githubError(422, 'Validation Failed', [{ resource: 'Search', field: 'q', code: 'missing' }]);
    let list = [...issues.values()];
    for (const term of q.split(/\s+/)) {
      const [key, value] = term.includes(':') ? (term.split(':', 2) as [string, string]) : ['', term];
      if (key === 'repo') list = value === REPO ? list : [];
      else if (key === 'is' && (value === 'issue' || value === 'pr')) list = list.filter((i) => i.isPull === (value === 'pr'));
      else if ((key === 'is' || key === 'state') && (value === 'open' || value === 'closed')) list = list.filter((i) => i.state === value);
      else if (key === 'label') list = list.filter((i) => i.labels.includes(value));
      else if (key === '') list = list.filter((i) => `${i.title} ${i.body}`.toLowerCase().includes(value.toLowerCase()));
      else return githubError(422, 'Validation Failed', [{ message: `The qualifier ${key} is not supported by this fixture`, resource: 'Search', field: 'q', code: 'invalid' }]);
    }
    return { status: 200, json: { total_count: list.length, incomplete_results: false, items: page(list, req).map(issueJson) } };
  };

  const server = await startFixtureServer({
    name: 'github',
    unauthorized: () => githubError(401, 'Bad credentials'),
    precheck: (req) =>
      req.headers['user-agent'] === undefined
        ? githubError(403, 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header')
        : req.headers['x-github-api-version'] !== undefined && req.headers['x-github-api-version'] !== '2022-11-28'
          ? githubError(400, `Invalid API version: ${String(req.headers['x-github-api-version'])}`)
          : undefined,
    route,
  });
  return Object.assign(server, { issues });
}
