/** GitHub `list_issues`: GET /repos/{owner}/{repo}/issues. */
import { z } from 'zod';
import { defineTool, jsonResult } from '../connector-kit/connector-tool.ts';
import { issueSchema, issueSummary, owner, page, perPage, repo, repoPath } from './github-shared.ts';

/** Lists a repository's issues. */
export const listIssuesTool = defineTool({
  name: 'list_issues',
  title: 'List issues of a repository',
  description: 'Lists issues of a repository, newest first. GitHub counts pull requests as issues; they are marked is_pull_request.',
  input: z.strictObject({
    owner,
    repo,
    state: z.enum(['open', 'closed', 'all']).default('open'),
    labels: z.string().max(1_000).optional().describe('Comma-separated label names'),
    sort: z.enum(['created', 'updated', 'comments']).optional(),
    direction: z.enum(['asc', 'desc']).optional(),
    perPage,
    page,
  }),
  access: 'read',
  async run(args, ctx) {
    const issues = await ctx.api.json(
      {
        method: 'GET',
        path: `${repoPath(args.owner, args.repo)}/issues`,
        query: { state: args.state, labels: args.labels, sort: args.sort, direction: args.direction, per_page: args.perPage, page: args.page },
      },
      z.array(issueSchema),
    );
    return jsonResult(issues.map((issue) => issueSummary(issue, false)));
  },
});
