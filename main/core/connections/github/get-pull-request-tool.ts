/** GitHub `get_pull_request`: GET /repos/{owner}/{repo}/pulls/{number}. */
import { z } from 'zod';
import { defineTool, jsonResult } from '../connector-kit/connector-tool.ts';
import { issueNumber, owner, pullSchema, pullSummary, repo, repoPath } from './github-shared.ts';

/** Gets one pull request with its body and change counts. */
export const getPullRequestTool = defineTool({
  name: 'get_pull_request',
  title: 'Get a pull request',
  description: 'Gets one pull request with its body, mergeability and change counts.',
  input: z.strictObject({ owner, repo, number: issueNumber }),
  access: 'read',
  async run(args, ctx) {
    const pull = await ctx.api.json({ method: 'GET', path: `${repoPath(args.owner, args.repo)}/pulls/${args.number}` }, pullSchema);
    return jsonResult(pullSummary(pull, true));
  },
});
