/** GitHub `create_issue`: POST /repos/{owner}/{repo}/issues. */
import { z } from 'zod';
import { defineTool, jsonResult } from '../connector-kit/connector-tool.ts';
import { issueSchema, issueSummary, owner, repo, repoPath } from './github-shared.ts';

/** Opens a new issue. */
export const createIssueTool = defineTool({
  name: 'create_issue',
  title: 'Create an issue',
  description: 'Opens a new issue in a repository.',
  input: z.strictObject({
    owner,
    repo,
    title: z.string().min(1).max(256),
    body: z.string().max(65_536).optional(),
    labels: z.array(z.string().min(1).max(100)).max(20).optional(),
    assignees: z.array(owner).max(10).optional(),
  }),
  access: 'write',
  async run(args, ctx) {
    const issue = await ctx.api.json(
      {
        method: 'POST',
        path: `${repoPath(args.owner, args.repo)}/issues`,
        json: { title: args.title, body: args.body, labels: args.labels, assignees: args.assignees },
      },
      issueSchema,
    );
    return jsonResult(issueSummary(issue, false));
  },
});
