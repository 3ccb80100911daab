/** GitHub `list_pull_requests`: GET /repos/{owner}/{repo}/pulls. */
import { z } from 'zod';
import { defineTool, jsonResult } from '../connector-kit/connector-tool.ts';
import { owner, page, perPage, pullSchema, pullSummary, repo, repoPath } from './github-shared.ts';

/** Lists a repository's pull requests. */
export const listPullRequestsTool = defineTool({
  name: 'list_pull_requests',
  title: 'List pull requests of a repository',
  description: 'Lists pull requests of a repository, optionally filtered by state, base branch or head ("user:branch").',
  input: z.strictObject({
    owner,
    repo,
    state: z.enum(['open', 'closed', 'all']).default('open'),
    base: z.string().min(1).max(255).optional(),
    head: z.string().min(1).max(255).optional(),
    sort: z.enum(['created', 'updated', 'popularity', 'long-running']).optional(),
    direction: z.enum(['asc', 'desc']).optional(),
    perPage,
    page,
  }),
  access: 'read',
  async run(args, ctx) {
    const pulls = await ctx.api.json(
      {
        method: 'GET',
        path: `${repoPath(args.owner, args.repo)}/pulls`,
        query: {
          state: args.state, base: args.base, head: args.head, sort: args.sort, direction: args.direction,
          per_page: args.perPage, page: args.page,
        },
      },
      z.array(pullSchema),
    );
    return jsonResult(pulls.map((pull) => pullSummary(pull, false)));
  },
});
