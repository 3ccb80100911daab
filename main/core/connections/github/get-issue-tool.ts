/** GitHub `get_issue`: GET /repos/{owner}/{repo}/issues/{number}. */
import { z } from 'zod';
import { defineTool, jsonResult } from '../connector-kit/connector-tool.ts';
import { issueNumber, issueSchema, issueSummary, owner, repo, repoPath } from './github-shared.ts';

/** Gets one issue with its body. */
export const getIssueTool = defineTool({
  name: 'get_issue',
  title: 'Get an issue',
  description: 'Gets one issue (or the issue view of a pull request) with its body.',
  input: z.strictObject({ owner, repo, number: issueNumber }),
  access: 'read',
  async run(args, ctx) {
    const issue = await ctx.api.json({ method: 'GET', path: `${repoPath(args.owner, args.repo)}/issues/${args.number}` }, issueSchema);
    return jsonResult(issueSummary(issue, true));
  },
});
